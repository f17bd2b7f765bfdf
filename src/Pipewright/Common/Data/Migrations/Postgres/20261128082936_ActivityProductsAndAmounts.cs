using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActivityProductsAndAmounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Amounts",
                table: "Activity",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Products",
                table: "Activity",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Amounts",
                table: "Activity");

            migrationBuilder.DropColumn(
                name: "Products",
                table: "Activity");
        }
    }
}
