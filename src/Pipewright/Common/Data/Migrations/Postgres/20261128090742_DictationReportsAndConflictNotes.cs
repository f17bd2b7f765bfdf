using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DictationReportsAndConflictNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "QuoteConflict",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Amounts",
                table: "Activity",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Products",
                table: "Activity",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Competitor",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competitor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportBaseline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportBaseline", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeeklySummaryRun",
                columns: table => new
                {
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklySummaryRun", x => x.WeekStart);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TechTasks_DueAt",
                table: "TechTasks",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_CreatedAt",
                table: "Opportunity",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_ClosedAt",
                table: "Opportunity",
                columns: new[] { "Status", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_ExpectedCloseDate",
                table: "Opportunity",
                columns: new[] { "Status", "ExpectedCloseDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Lead_CreatedAt",
                table: "Lead",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Customer_CreatedAt",
                table: "Customer",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalStep_CompletedAt",
                table: "ApprovalStep",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Competitor_NameKey",
                table: "Competitor",
                column: "NameKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Competitor");

            migrationBuilder.DropTable(
                name: "ReportBaseline");

            migrationBuilder.DropTable(
                name: "WeeklySummaryRun");

            migrationBuilder.DropIndex(
                name: "IX_TechTasks_DueAt",
                table: "TechTasks");

            migrationBuilder.DropIndex(
                name: "IX_Opportunity_CreatedAt",
                table: "Opportunity");

            migrationBuilder.DropIndex(
                name: "IX_Opportunity_Status_ClosedAt",
                table: "Opportunity");

            migrationBuilder.DropIndex(
                name: "IX_Opportunity_Status_ExpectedCloseDate",
                table: "Opportunity");

            migrationBuilder.DropIndex(
                name: "IX_Lead_CreatedAt",
                table: "Lead");

            migrationBuilder.DropIndex(
                name: "IX_Customer_CreatedAt",
                table: "Customer");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalStep_CompletedAt",
                table: "ApprovalStep");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "QuoteConflict");

            migrationBuilder.DropColumn(
                name: "Amounts",
                table: "Activity");

            migrationBuilder.DropColumn(
                name: "Products",
                table: "Activity");
        }
    }
}
