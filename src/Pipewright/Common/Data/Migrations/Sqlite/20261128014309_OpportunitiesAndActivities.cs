using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpportunitiesAndActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Activity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NextDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactIds = table.Column<string>(type: "TEXT", nullable: false),
                    CheckInLat = table.Column<double>(type: "REAL", nullable: true),
                    CheckInLng = table.Column<double>(type: "REAL", nullable: true),
                    CheckInAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    CheckInSystem = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    CheckInWgsLat = table.Column<double>(type: "REAL", nullable: true),
                    CheckInWgsLng = table.Column<double>(type: "REAL", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Opportunity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ExpectedAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpectedCloseDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProductCategory = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Opportunity", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activity_AuthorId_OccurredAt",
                table: "Activity",
                columns: new[] { "AuthorId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Activity_CustomerId_OccurredAt",
                table: "Activity",
                columns: new[] { "CustomerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Activity_OpportunityId",
                table: "Activity",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Code",
                table: "Opportunity",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_CustomerId_Status",
                table: "Opportunity",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_LeadId",
                table: "Opportunity",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_OwnerId_Status",
                table: "Opportunity",
                columns: new[] { "OwnerId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Activity");

            migrationBuilder.DropTable(
                name: "Opportunity");
        }
    }
}
