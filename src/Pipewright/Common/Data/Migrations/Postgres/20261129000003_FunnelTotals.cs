using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FunnelTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FunnelDwellTotal",
                columns: table => new
                {
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Span = table.Column<long>(type: "bigint", nullable: false),
                    StageKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Stays = table.Column<long>(type: "bigint", nullable: false),
                    Milliseconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FunnelDwellTotal", x => new { x.Category, x.Span, x.StageKey, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "FunnelEntryTotal",
                columns: table => new
                {
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Span = table.Column<long>(type: "bigint", nullable: false),
                    StageKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PreviousDay = table.Column<int>(type: "integer", nullable: false),
                    EnteredSince = table.Column<string>(type: "text", nullable: false),
                    Stays = table.Column<long>(type: "bigint", nullable: false),
                    Fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FunnelEntryTotal", x => new { x.Category, x.Span, x.StageKey, x.PreviousDay, x.EnteredSince });
                });

            migrationBuilder.CreateTable(
                name: "RollupVersion",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
