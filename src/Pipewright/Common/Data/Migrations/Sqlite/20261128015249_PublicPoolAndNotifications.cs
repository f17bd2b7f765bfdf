using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicPoolAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OwnerSince",
                table: "Customer",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PoolReason",
                table: "Customer",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PoolReturnOn",
                table: "Customer",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PooledAt",
                table: "Customer",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PreviousOwnerId",
                table: "Customer",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BodyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Args = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OwnershipChange",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EntityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnershipChange", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoolRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpDaysA = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpDaysB = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpDaysC = table.Column<int>(type: "INTEGER", nullable: false),
                    OpportunityDaysA = table.Column<int>(type: "INTEGER", nullable: true),
                    OpportunityDaysB = table.Column<int>(type: "INTEGER", nullable: true),
                    OpportunityDaysC = table.Column<int>(type: "INTEGER", nullable: true),
                    ExemptWonCustomers = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExemptKeyCustomers = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyClaimQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxCustomersPerOwner = table.Column<int>(type: "INTEGER", nullable: false),
                    ReclaimCooldownDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaskPhonesInPool = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
