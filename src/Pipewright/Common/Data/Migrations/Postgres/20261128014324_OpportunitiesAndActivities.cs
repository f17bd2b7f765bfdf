using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextStep = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NextDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CheckInLat = table.Column<double>(type: "double precision", nullable: true),
                    CheckInLng = table.Column<double>(type: "double precision", nullable: true),
                    CheckInAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    CheckInSystem = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    CheckInWgsLat = table.Column<double>(type: "double precision", nullable: true),
                    CheckInWgsLng = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Opportunity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ExpectedAmount = table.Column<long>(type: "bigint", nullable: true),
                    ExpectedCloseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ProductCategory = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    LeadId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
