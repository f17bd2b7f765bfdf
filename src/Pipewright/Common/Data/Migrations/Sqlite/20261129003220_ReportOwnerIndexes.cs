using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportOwnerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_FunnelByOwner",
                table: "StageVisit",
                columns: new[] { "DealOwnerId", "StageKey", "EnteredAt", "PreviousEntryAt", "DwellSeconds", "DealAmount", "DealCategory", "EnteredSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Approval_OwnerId",
                table: "Approval",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageVisit_FunnelByOwner",
                table: "StageVisit");

            migrationBuilder.DropIndex(
                name: "IX_Approval_OwnerId",
                table: "Approval");
        }
    }
}
