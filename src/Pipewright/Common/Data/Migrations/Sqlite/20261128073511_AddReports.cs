using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportBaseline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportBaseline", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeeklySummaryRun",
                columns: table => new
                {
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
