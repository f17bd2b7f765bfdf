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
        }

        /// <summary>
        /// The stays saved so far get what StageHistory gives new ones: the deal's previous entry into the same stage,
        /// the stages it entered from that stay on (itself included) as ",key,key,", and the deal's owner, expected
        /// amount and product category.
        /// </summary>
        private static void Backfill(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            UPDATE "StageVisit" SET
                "PreviousEntryAt" = (SELECT max(w."EnteredAt") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."StageKey" = "StageVisit"."StageKey"
                    AND w."EnteredAt" < "StageVisit"."EnteredAt"),
                "EnteredSince" = ',' || (SELECT string_agg(DISTINCT w."StageKey", ',') FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."EnteredAt" >= "StageVisit"."EnteredAt") || ',',
                "DealOwnerId" = (SELECT o."OwnerId" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId"),
                "DealAmount" = (SELECT o."ExpectedAmount" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId"),
                "DealCategory" = (SELECT o."ProductCategory" FROM "Opportunity" AS o WHERE o."Id" = "StageVisit"."OpportunityId");
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "EnteredSince",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "PreviousEntryAt",
                table: "StageVisit");
        }
    }
}
