using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BuiltInStock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockLevel",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OnHand = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    WeeklyCapacity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockLevel", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockLevel_ModelKey",
                table: "StockLevel",
                column: "ModelKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockLevel");
        }
    }
}
