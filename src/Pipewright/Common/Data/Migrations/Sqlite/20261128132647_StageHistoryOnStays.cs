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
        }

        /// <summary>
        /// The stays saved so far get what StageHistory gives new ones: the deal's previous entry into the same stage,
        /// and the stages it entered from that stay on (itself included) as ",key,key,".
        /// </summary>
        private static void Backfill(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            UPDATE "StageVisit" SET
                "PreviousEntryAt" = (SELECT max(w."EnteredAt") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."StageKey" = "StageVisit"."StageKey"
                    AND w."EnteredAt" < "StageVisit"."EnteredAt"),
                "EnteredSince" = ',' || (SELECT group_concat(DISTINCT w."StageKey") FROM "StageVisit" AS w
                    WHERE w."OpportunityId" = "StageVisit"."OpportunityId" AND w."EnteredAt" >= "StageVisit"."EnteredAt") || ',';
            """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnteredSince",
                table: "StageVisit");

            migrationBuilder.DropColumn(
                name: "PreviousEntryAt",
                table: "StageVisit");
        }
    }
}
