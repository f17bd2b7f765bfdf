using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SalesFunnel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Competitor",
                table: "Opportunity",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionMaker",
                table: "Opportunity",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LostReason",
                table: "Opportunity",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MarginEstimate",
                table: "Opportunity",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StageEnteredAt",
                table: "Opportunity",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OpportunityProduct",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpportunityProduct", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpportunityProduct_Opportunity_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "Opportunity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OpportunityProduct_Product_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Product",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PipelineDefinition",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineDefinition", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequirementCompletion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequirementKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Values = table.Column<string>(type: "TEXT", nullable: true),
                    AttachmentIds = table.Column<string>(type: "TEXT", nullable: false),
                    ActivityIds = table.Column<string>(type: "TEXT", nullable: false),
                    EvidenceIds = table.Column<string>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DoneById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequirementCompletion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequirementCompletion_Opportunity_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "Opportunity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StageVisit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EnteredById = table.Column<Guid>(type: "TEXT", nullable: true),
                    EnteredHow = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeftById = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeftHow = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageVisit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageVisit_Opportunity_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "Opportunity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_StageKey_StageEnteredAt",
                table: "Opportunity",
                columns: new[] { "Status", "StageKey", "StageEnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityProduct_OpportunityId_ProductId",
                table: "OpportunityProduct",
                columns: new[] { "OpportunityId", "ProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityProduct_ProductId",
                table: "OpportunityProduct",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_RequirementCompletion_OpportunityId_RequirementKey",
                table: "RequirementCompletion",
                columns: new[] { "OpportunityId", "RequirementKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_OpportunityId_EnteredAt",
                table: "StageVisit",
                columns: new[] { "OpportunityId", "EnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StageVisit_StageKey_EnteredAt",
                table: "StageVisit",
                columns: new[] { "StageKey", "EnteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpportunityProduct");

            migrationBuilder.DropTable(
                name: "PipelineDefinition");

            migrationBuilder.DropTable(
                name: "RequirementCompletion");

            migrationBuilder.DropTable(
                name: "StageVisit");

            migrationBuilder.DropIndex(
                name: "IX_Opportunity_Status_StageKey_StageEnteredAt",
                table: "Opportunity");

            migrationBuilder.DropColumn(
                name: "Competitor",
                table: "Opportunity");

            migrationBuilder.DropColumn(
                name: "DecisionMaker",
                table: "Opportunity");

            migrationBuilder.DropColumn(
                name: "LostReason",
                table: "Opportunity");

            migrationBuilder.DropColumn(
                name: "MarginEstimate",
                table: "Opportunity");

            migrationBuilder.DropColumn(
                name: "StageEnteredAt",
                table: "Opportunity");
        }
    }
}
