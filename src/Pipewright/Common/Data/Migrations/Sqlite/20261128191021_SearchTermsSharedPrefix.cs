using Microsoft.EntityFrameworkCore.Migrations;
using Pipewright.Common.Search;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchTermsSharedPrefix : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_Kind_Term_EntityId",
                table: "SearchTerms");

            migrationBuilder.AddColumn<int>(
                name: "SharedPrefix",
                table: "SearchTerms",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing rows get their values before the index that reads them is built.
            migrationBuilder.Sql(SharedPrefixBackfill.Sql(postgres: false));

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_Kind_Term_SharedPrefix_EntityId",
                table: "SearchTerms",
                columns: new[] { "Kind", "Term", "SharedPrefix", "EntityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_Kind_Term_SharedPrefix_EntityId",
                table: "SearchTerms");

            migrationBuilder.DropColumn(
                name: "SharedPrefix",
                table: "SearchTerms");

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_Kind_Term_EntityId",
                table: "SearchTerms",
                columns: new[] { "Kind", "Term", "EntityId" });
        }
    }
}
