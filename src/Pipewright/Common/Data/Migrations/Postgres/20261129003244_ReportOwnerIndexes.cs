using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportOwnerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Approval_OwnerId",
                table: "Approval",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Approval_OwnerId",
                table: "Approval");
        }
    }
}
