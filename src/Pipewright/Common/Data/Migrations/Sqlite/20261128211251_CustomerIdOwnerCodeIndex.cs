using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerIdOwnerCodeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Customer_Id_OwnerId_Code",
                table: "Customer",
                columns: new[] { "Id", "OwnerId", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customer_Id_OwnerId_Code",
                table: "Customer");
        }
    }
}
