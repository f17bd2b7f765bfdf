using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <summary>
    /// The search table is keyed by record (EntityId, Kind, Term) and searched through an index on (Kind, Term,
    /// EntityId): a big import then appends its rows to the key as it goes and builds the index once at the end,
    /// instead of sorting every row into the key at the end and then building the record index
    /// (docs/performance.md, issue 3). EF Core would rebuild the table without WITHOUT ROWID (see
    /// SearchTermsWithoutRowid), so the rebuild is written out.
    /// </summary>
    public partial class SearchTermsKeyedByRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, """ "EntityId", "Kind", "Term" """, "IX_SearchTerms_Kind_Term_EntityId", """ "Kind", "Term", "EntityId" """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, """ "Kind", "Term", "EntityId" """, "IX_SearchTerms_EntityId_Kind_Term", """ "EntityId", "Kind", "Term" """);

        private static void Rebuild(MigrationBuilder migrationBuilder, string key, string index, string indexColumns)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ef_temp_SearchTerms" (
                    "Kind" TEXT NOT NULL,
                    "Term" TEXT NOT NULL,
                    "EntityId" TEXT NOT NULL,
                    CONSTRAINT "PK_SearchTerms" PRIMARY KEY ({key.Trim()})
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO "ef_temp_SearchTerms" ("Kind", "Term", "EntityId")
                SELECT "Kind", "Term", "EntityId" FROM "SearchTerms" ORDER BY {key.Trim()};
                """);
            migrationBuilder.Sql("""DROP TABLE "SearchTerms";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_SearchTerms" RENAME TO "SearchTerms";""");
            migrationBuilder.Sql($"""CREATE INDEX "{index}" ON "SearchTerms" ({indexColumns.Trim()});""");
        }
    }
}
