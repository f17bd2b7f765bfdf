using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FunnelTasksAndChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Competitor",
                table: "Opportunity",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionMaker",
                table: "Opportunity",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LostReason",
                table: "Opportunity",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MarginEstimate",
                table: "Opportunity",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StageEnteredAt",
                table: "Opportunity",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChannelSetting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    BaseAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Port = table.Column<int>(type: "integer", nullable: true),
                    UseTls = table.Column<bool>(type: "boolean", nullable: false),
                    Account = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Sender = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtectedKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelSetting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistTemplate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Items = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistTemplate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecord",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Request = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecord", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreference",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreference", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationProfile",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeComUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationProfile", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpportunityProduct",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "OutboxMessage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAnswer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PipelineDefinition",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineDefinition", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequirementCompletion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequirementKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Values = table.Column<string>(type: "text", nullable: true),
                    AttachmentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ActivityIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    EvidenceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "RoutingCursor",
                columns: table => new
                {
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LastAssigneeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingCursor", x => x.Category);
                });

            migrationBuilder.CreateTable(
                name: "StageVisit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EnteredById = table.Column<Guid>(type: "uuid", nullable: true),
                    EnteredHow = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeftById = table.Column<Guid>(type: "uuid", nullable: true),
                    LeftHow = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "TechTaskReassignment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToId = table.Column<Guid>(type: "uuid", nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechTaskReassignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TechTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ChecklistItems = table.Column<List<string>>(type: "text[]", nullable: false),
                    CheckedItems = table.Column<List<string>>(type: "text[]", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AttachmentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstActionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    CompletionMinutes = table.Column<int>(type: "integer", nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: true),
                    DueSoonNotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedToId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserLeaves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserLeaves", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_StageKey_OwnerId_ExpectedAmount",
                table: "Opportunity",
                columns: new[] { "Status", "StageKey", "OwnerId", "ExpectedAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunity_Status_StageKey_StageEnteredAt",
                table: "Opportunity",
                columns: new[] { "Status", "StageKey", "StageEnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelSetting_Channel",
                table: "ChannelSetting",
                column: "Channel",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistTemplate_Category",
                table: "ChecklistTemplate",
                column: "Category",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecord_CreatedAt",
                table: "IdempotencyRecord",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationPreference_UserId_Kind_Channel",
                table: "NotificationPreference",
                columns: new[] { "UserId", "Kind", "Channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationProfile_UserId",
                table: "NotificationProfile",
                column: "UserId",
                unique: true);

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
                name: "IX_OutboxMessage_Channel_LastAttemptAt",
                table: "OutboxMessage",
                columns: new[] { "Channel", "LastAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_NotificationId",
                table: "OutboxMessage",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_Status_NextAttemptAt",
                table: "OutboxMessage",
                columns: new[] { "Status", "NextAttemptAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_TechTaskReassignment_TaskId_At",
                table: "TechTaskReassignment",
                columns: new[] { "TaskId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TechTasks_AssigneeId_Status",
                table: "TechTasks",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TechTasks_Code",
                table: "TechTasks",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TechTasks_OpportunityId_CreatedAt",
                table: "TechTasks",
                columns: new[] { "OpportunityId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TechTasks_Status_DueAt",
                table: "TechTasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserLeaves_UserId_To",
                table: "UserLeaves",
                columns: new[] { "UserId", "To" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChannelSetting");

            migrationBuilder.DropTable(
                name: "ChecklistTemplate");

            migrationBuilder.DropTable(
                name: "IdempotencyRecord");

            migrationBuilder.DropTable(
                name: "NotificationPreference");

            migrationBuilder.DropTable(
                name: "NotificationProfile");

            migrationBuilder.DropTable(
                name: "OpportunityProduct");

            migrationBuilder.DropTable(
                name: "OutboxMessage");

            migrationBuilder.DropTable(
                name: "PipelineDefinition");

            migrationBuilder.DropTable(
                name: "RequirementCompletion");

            migrationBuilder.DropTable(
                name: "RoutingCursor");

            migrationBuilder.DropTable(
                name: "StageVisit");

            migrationBuilder.DropTable(
                name: "TechTaskReassignment");

            migrationBuilder.DropTable(
                name: "TechTasks");

            migrationBuilder.DropTable(
                name: "UserLeaves");

            migrationBuilder.DropIndex(
                name: "IX_Opportunity_Status_StageKey_OwnerId_ExpectedAmount",
                table: "Opportunity");

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
