using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicPoolAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OwnerSince",
                table: "Customer",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PoolReason",
                table: "Customer",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PoolReturnOn",
                table: "Customer",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PooledAt",
                table: "Customer",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PreviousOwnerId",
                table: "Customer",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TitleKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BodyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Args = table.Column<List<string>>(type: "text[]", nullable: false),
                    Link = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OwnershipChange",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntityType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EntityId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnershipChange", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoolRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FollowUpDaysA = table.Column<int>(type: "integer", nullable: false),
                    FollowUpDaysB = table.Column<int>(type: "integer", nullable: false),
                    FollowUpDaysC = table.Column<int>(type: "integer", nullable: false),
                    OpportunityDaysA = table.Column<int>(type: "integer", nullable: true),
                    OpportunityDaysB = table.Column<int>(type: "integer", nullable: true),
                    OpportunityDaysC = table.Column<int>(type: "integer", nullable: true),
                    ExemptWonCustomers = table.Column<bool>(type: "boolean", nullable: false),
                    ExemptKeyCustomers = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    DailyClaimQuota = table.Column<int>(type: "integer", nullable: false),
                    MaxCustomersPerOwner = table.Column<int>(type: "integer", nullable: false),
                    ReclaimCooldownDays = table.Column<int>(type: "integer", nullable: false),
                    MaskPhonesInPool = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notification_UserId_CreatedAt",
                table: "Notification",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notification_UserId_ReadAt",
                table: "Notification",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipChange_EntityType_EntityId_At",
                table: "OwnershipChange",
                columns: new[] { "EntityType", "EntityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipChange_ToUserId_Reason_At",
                table: "OwnershipChange",
                columns: new[] { "ToUserId", "Reason", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notification");

            migrationBuilder.DropTable(
                name: "OwnershipChange");

            migrationBuilder.DropTable(
                name: "PoolRules");

            migrationBuilder.DropColumn(
                name: "OwnerSince",
                table: "Customer");

            migrationBuilder.DropColumn(
                name: "PoolReason",
                table: "Customer");

            migrationBuilder.DropColumn(
                name: "PoolReturnOn",
                table: "Customer");

            migrationBuilder.DropColumn(
                name: "PooledAt",
                table: "Customer");

            migrationBuilder.DropColumn(
                name: "PreviousOwnerId",
                table: "Customer");
        }
    }
}
