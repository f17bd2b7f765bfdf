using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DealCategory",
                table: "StageVisit",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DealOwnerId",
                table: "StageVisit",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<double>(
                name: "DwellSeconds",
                table: "StageVisit",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredSince",
                table: "StageVisit",
                type: "text",
                nullable: false,
                defaultValue: ",");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousEntryAt",
                table: "StageVisit",
                type: "timestamp with time zone",
                nullable: true);

            Backfill(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_Funnel",
                table: "StageVisit",
                columns: new[] { "StageKey", "EnteredAt", "PreviousEntryAt", "DwellSeconds", "DealAmount", "DealOwnerId", "DealCategory", "EnteredSince" });

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_FunnelByOwner",
                table: "StageVisit",
                columns: new[] { "DealOwnerId", "StageKey", "EnteredAt", "PreviousEntryAt", "DwellSeconds", "DealAmount", "DealCategory", "EnteredSince" });
        }

        /// <summary>
        /// The stays saved so far get what StageHistory gives new ones: the deal's previous entry into the same stage,
        /// the stages it entered from that stay on (itself included) as ",key,key,", the dwell of a stay that ended by a
        /// move, and the deal's owner, expected amount and product category.
        /// </summary>
        private static void Backfill(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            UPDATE "StageVisit" SET
                "PreviousEntryAt" = (SELECT max(w."EnteredAt") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."StageKey" = "StageVisit"."StageKey"
                    AND w."EnteredAt" < "StageVisit"."EnteredAt"),
                "EnteredSince" = ',' || (SELECT string_agg(DISTINCT w."StageKey", ',') FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."EnteredAt" >= "StageVisit"."EnteredAt") || ',',
                "DwellSeconds" = CASE WHEN "LeftAt" IS NOT NULL AND ("LeftHow" IS NULL OR "LeftHow" <> 'Lost') THEN EXTRACT(EPOCH FROM "LeftAt" - "EnteredAt") END,
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

            migrationBuilder.DropIndex(
                name: "IX_StageVisit_FunnelByOwner",
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
