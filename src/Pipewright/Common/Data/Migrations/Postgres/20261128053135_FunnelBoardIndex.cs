using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FunnelBoardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_StageKey_OwnerId_ExpectedAmount",
                table: "Opportunity",
                columns: new[] { "Status", "StageKey", "OwnerId", "ExpectedAmount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Opportunity_Status_StageKey_OwnerId_ExpectedAmount",
                table: "Opportunity");
        }
    }
}
