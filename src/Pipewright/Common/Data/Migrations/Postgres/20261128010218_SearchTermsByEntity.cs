using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchTermsByEntity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_EntityId",
                table: "SearchTerms");

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_EntityId_Kind_Term",
                table: "SearchTerms",
                columns: new[] { "EntityId", "Kind", "Term" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchTerms_EntityId_Kind_Term",
                table: "SearchTerms");

            migrationBuilder.CreateIndex(
                name: "IX_SearchTerms_EntityId",
                table: "SearchTerms",
                column: "EntityId");
        }
    }
}
