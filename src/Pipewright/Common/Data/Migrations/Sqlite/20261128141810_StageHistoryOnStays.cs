using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StageHistoryOnStays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageVisit_StageKey_EnteredAt",
                table: "StageVisit");

            migrationBuilder.AddColumn<long>(
                name: "DealAmount",
                table: "StageVisit",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DealCategory",
                table: "StageVisit",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DealOwnerId",
                table: "StageVisit",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<double>(
                name: "DwellSeconds",
                table: "StageVisit",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredSince",
                table: "StageVisit",
                type: "TEXT",
                nullable: false,
                defaultValue: ",");

            migrationBuilder.AddColumn<long>(
                name: "PreviousEntryAt",
                table: "StageVisit",
                type: "INTEGER",
                nullable: true);

            Backfill(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_Funnel",
                table: "StageVisit",
                columns: new[] { "StageKey", "EnteredAt", "PreviousEntryAt", "DwellSeconds", "DealAmount", "DealOwnerId", "DealCategory", "EnteredSince" });
        }

        /// <summary>
        /// The stays saved so far get what StageHistory gives new ones: the deal's previous entry into the same stage,
        /// the stages it entered from that stay on (itself included) as ",key,key,", the dwell of a stay that ended by a
        /// move, and the deal's owner, expected amount and product category.
        /// </summary>
        // Seconds as SqlTime.Seconds reads the stored DateTimeOffset (ticks / 1000 << 11 | offset minutes).
        private static void Backfill(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            UPDATE "StageVisit" SET
                "PreviousEntryAt" = (SELECT max(w."EnteredAt") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."StageKey" = "StageVisit"."StageKey"
                    AND w."EnteredAt" < "StageVisit"."EnteredAt"),
                "EnteredSince" = ',' || (SELECT group_concat(DISTINCT w."StageKey") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."EnteredAt" >= "StageVisit"."EnteredAt") || ',',
                "DwellSeconds" = CASE WHEN "LeftAt" IS NOT NULL AND ("LeftHow" IS NULL OR "LeftHow" <> 'Lost') THEN (("LeftAt" / 2048) / 10000.0 - (("LeftAt" % 2048 + 1024) % 2048 - 1024) * 60.0) - (("EnteredAt" / 2048) / 10000.0 - (("EnteredAt" % 2048 + 1024) % 2048 - 1024) * 60.0) END,
                "DealOwnerId" = (SELECT o."OwnerId" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId"),
                "DealAmount" = (SELECT o."ExpectedAmount" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId"),
                "DealCategory" = (SELECT o."ProductCategory" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId");
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StageVisit_Funnel",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "DealAmount",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "DealCategory",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "DealOwnerId",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "DwellSeconds",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "EnteredSince",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "PreviousEntryAt",
                table: "StageVisit");

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_StageKey_EnteredAt",
                table: "StageVisit",
                columns: new[] { "StageKey", "EnteredAt" });
        }
    }
}
