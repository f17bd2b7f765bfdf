using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpsLeadsPoolAndNotifications : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "NextStepDoneAt",
                table: "Activity",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Attachment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PreviewPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Lead",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ProductInterest = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DisqualifyReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConvertedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstRespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstResponseMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lead", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LeadForm",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FormKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadForm", x => x.Id);
                });

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
                name: "IX_Activity_CustomerId_NextStepDoneAt_NextDate",
                table: "Activity",
                columns: new[] { "CustomerId", "NextStepDoneAt", "NextDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachment_ActivityId",
                table: "Attachment",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachment_UploadedById_UploadedAt",
                table: "Attachment",
                columns: new[] { "UploadedById", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Lead_CustomerId_OwnerId",
                table: "Lead",
                columns: new[] { "CustomerId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Lead_FormId",
                table: "Lead",
                column: "FormId");

            migrationBuilder.CreateIndex(
                name: "IX_Lead_OwnerId_Status_CreatedAt",
                table: "Lead",
                columns: new[] { "OwnerId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Lead_Status_CreatedAt",
                table: "Lead",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadForm_FormKey",
                table: "LeadForm",
                column: "FormKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadForm_OwnerId",
                table: "LeadForm",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadForm_TeamId",
                table: "LeadForm",
                column: "TeamId");

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
                name: "Attachment");

            migrationBuilder.DropTable(
                name: "Lead");

            migrationBuilder.DropTable(
                name: "LeadForm");

            migrationBuilder.DropTable(
                name: "Notification");

            migrationBuilder.DropTable(
                name: "OwnershipChange");

            migrationBuilder.DropTable(
                name: "PoolRules");

            migrationBuilder.DropIndex(
                name: "IX_Activity_CustomerId_NextStepDoneAt_NextDate",
                table: "Activity");

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

            migrationBuilder.DropColumn(
                name: "NextStepDoneAt",
                table: "Activity");
        }
    }
}
