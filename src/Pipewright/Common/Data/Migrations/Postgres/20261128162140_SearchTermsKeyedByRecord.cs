using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchTermsKeyedByRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_SearchTerms",
                table: "SearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_EntityId_Kind_Term",
                table: "SearchTerms");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SearchTerms",
                table: "SearchTerms",
                columns: new[] { "EntityId", "Kind", "Term" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_Kind_Term_EntityId",
                table: "SearchTerms",
                columns: new[] { "Kind", "Term", "EntityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_SearchTerms",
                table: "SearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_Kind_Term_EntityId",
                table: "SearchTerms");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SearchTerms",
                table: "SearchTerms",
                columns: new[] { "Kind", "Term", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_EntityId_Kind_Term",
                table: "SearchTerms",
                columns: new[] { "EntityId", "Kind", "Term" });
        }
    }
}
