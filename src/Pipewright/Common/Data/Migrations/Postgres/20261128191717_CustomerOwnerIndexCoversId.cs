using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerOwnerIndexCoversId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customer_OwnerId_Code",
                table: "Customer");

            migrationBuilder.CreateIndex(
                name: "IX_Customer_OwnerId_Code_Id",
                table: "Customer",
                columns: new[] { "OwnerId", "Code", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customer_OwnerId_Code_Id",
                table: "Customer");

            migrationBuilder.CreateIndex(
                name: "IX_Customer_OwnerId_Code",
                table: "Customer",
                columns: new[] { "OwnerId", "Code" });
        }
    }
}
