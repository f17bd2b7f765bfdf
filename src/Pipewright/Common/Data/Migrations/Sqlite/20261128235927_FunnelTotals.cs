using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FunnelTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID: a report reads the totals by their key, and the rows then live in the key's B-tree.
            migrationBuilder.Sql("""
                CREATE TABLE "FunnelDwellTotal" (
                    "Category" TEXT NOT NULL, "Span" INTEGER NOT NULL, "StageKey" TEXT NOT NULL, "Bucket" INTEGER NOT NULL,
                    "Stays" INTEGER NOT NULL, "Milliseconds" INTEGER NOT NULL,
                    CONSTRAINT "PK_FunnelDwellTotal" PRIMARY KEY ("Category", "Span", "StageKey", "Bucket")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "FunnelEntryTotal" (
                    "Category" TEXT NOT NULL, "Span" INTEGER NOT NULL, "StageKey" TEXT NOT NULL, "PreviousDay" INTEGER NOT NULL,
                    "EnteredSince" TEXT NOT NULL, "Stays" INTEGER NOT NULL, "Fen" INTEGER NOT NULL,
                    CONSTRAINT "PK_FunnelEntryTotal" PRIMARY KEY ("Category", "Span", "StageKey", "PreviousDay", "EnteredSince")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "RollupVersion",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupVersion", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_Dwell",
                table: "StageVisit",
                columns: new[] { "StageKey", "DwellSeconds", "EnteredAt", "DealCategory" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FunnelDwellTotal");

            migrationBuilder.DropTable(
                name: "FunnelEntryTotal");

            migrationBuilder.DropTable(
                name: "RollupVersion");

            migrationBuilder.DropIndex(
                name: "IX_StageVisit_Dwell",
                table: "StageVisit");
        }
    }
}
