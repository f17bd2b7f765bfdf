using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FunnelQuotesTasksAndChannels : Migration
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
                name: "Approval",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmitterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Approval", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalDelegation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DelegateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalDelegation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalPolicy",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalPolicy", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChannelSetting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    BaseAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Port = table.Column<int>(type: "INTEGER", nullable: true),
                    UseTls = table.Column<bool>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelSetting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistTemplate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Items = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistTemplate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecord",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Request = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecord", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreference",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreference", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationProfile",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WeComUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationProfile", x => x.Id);
                });

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
                name: "OutboxMessage",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAnswer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessage", x => x.Id);
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
                name: "Quote",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Freight = table.Column<long>(type: "INTEGER", nullable: false),
                    Installation = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxRate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ApprovalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReturnComment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SubmittedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quote", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuoteConflict",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuoteFamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherFamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherCustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WinnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteConflict", x => x.Id);
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
                name: "RoutingCursor",
                columns: table => new
                {
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LastAssigneeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingCursor", x => x.Category);
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

            migrationBuilder.CreateTable(
                name: "TechTaskReassignment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechTaskReassignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TechTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequesterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ChecklistItems = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedItems = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AttachmentIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstActionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletionMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    OnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    DueSoonNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserLeaves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserLeaves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalStep",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ApproverKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DueHours = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectToPreviousStep = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OverdueNoticeAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalStep", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalStep_Approval_ApprovalId",
                        column: x => x.ApprovalId,
                        principalTable: "Approval",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalCondition",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Threshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalCondition", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalCondition_ApprovalPolicy_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "ApprovalPolicy",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalStepRule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ApproverKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DueHours = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectToPreviousStep = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalStepRule", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalStepRule_ApprovalPolicy_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "ApprovalPolicy",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuoteLine",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitCost = table.Column<long>(type: "INTEGER", nullable: true),
                    FloorPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    OptionIds = table.Column<string>(type: "TEXT", nullable: false),
                    OptionsText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EarliestShipDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CanMeet = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuoteLine_Quote_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "Quote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalTask",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApproverId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalTask", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalTask_ApprovalStep_StepId",
                        column: x => x.StepId,
                        principalTable: "ApprovalStep",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "ApprovalPolicy",
                columns: new[] { "Id", "IsActive", "Name", "Order", "SubjectType", "UpdatedAt", "Version" },
                values: new object[] { new Guid("0195a000-0000-7000-8000-000000000001"), true, "低于标准价 85%", 1, "quote", 1308729802752000000L, 0 });

            migrationBuilder.InsertData(
                table: "ApprovalCondition",
                columns: new[] { "Id", "Kind", "PolicyId", "Threshold" },
                values: new object[] { new Guid("0195a000-0000-7000-8000-000000000011"), "MinPriceRatioBelow", new Guid("0195a000-0000-7000-8000-000000000001"), 0.85m });

            migrationBuilder.InsertData(
                table: "ApprovalStepRule",
                columns: new[] { "Id", "ApproverKind", "DueHours", "Mode", "Order", "PolicyId", "RejectToPreviousStep", "Role", "UserId" },
                values: new object[,]
                {
                    { new Guid("0195a000-0000-7000-8000-000000000021"), "RelativeRegionalManager", 24, "Any", 1, new Guid("0195a000-0000-7000-8000-000000000001"), false, null, null },
                    { new Guid("0195a000-0000-7000-8000-000000000022"), "Role", 24, "Any", 2, new Guid("0195a000-0000-7000-8000-000000000001"), false, "Finance", null },
                    { new Guid("0195a000-0000-7000-8000-000000000023"), "Role", 24, "Any", 3, new Guid("0195a000-0000-7000-8000-000000000001"), false, "GeneralManager", null }
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
                name: "IX_Approval_Status_SubmittedAt",
                table: "Approval",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Approval_SubjectType_SubjectId",
                table: "Approval",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalCondition_PolicyId",
                table: "ApprovalCondition",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalDelegation_UserId_Until",
                table: "ApprovalDelegation",
                columns: new[] { "UserId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalPolicy_SubjectType_Order",
                table: "ApprovalPolicy",
                columns: new[] { "SubjectType", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalStep_ApprovalId",
                table: "ApprovalStep",
                column: "ApprovalId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalStep_Status_DueAt",
                table: "ApprovalStep",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalStepRule_PolicyId",
                table: "ApprovalStepRule",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTask_ApprovalId",
                table: "ApprovalTask",
                column: "ApprovalId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTask_AssigneeId_Status",
                table: "ApprovalTask",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTask_StepId",
                table: "ApprovalTask",
                column: "StepId");

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
                name: "IX_Quote_Code_Revision",
                table: "Quote",
                columns: new[] { "Code", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quote_CustomerId_IsCurrent",
                table: "Quote",
                columns: new[] { "CustomerId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_Quote_FamilyId_Revision",
                table: "Quote",
                columns: new[] { "FamilyId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quote_OpportunityId",
                table: "Quote",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Quote_OwnerId_IsCurrent_Status",
                table: "Quote",
                columns: new[] { "OwnerId", "IsCurrent", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QuoteConflict_OtherFamilyId",
                table: "QuoteConflict",
                column: "OtherFamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_QuoteConflict_QuoteFamilyId_OtherFamilyId",
                table: "QuoteConflict",
                columns: new[] { "QuoteFamilyId", "OtherFamilyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuoteConflict_Status_CreatedAt",
                table: "QuoteConflict",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QuoteLine_ModelKey_QuoteId",
                table: "QuoteLine",
                columns: new[] { "ModelKey", "QuoteId" });

            migrationBuilder.CreateIndex(
                name: "IX_QuoteLine_QuoteId",
                table: "QuoteLine",
                column: "QuoteId");

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
                name: "ApprovalCondition");

            migrationBuilder.DropTable(
                name: "ApprovalDelegation");

            migrationBuilder.DropTable(
                name: "ApprovalStepRule");

            migrationBuilder.DropTable(
                name: "ApprovalTask");

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
                name: "QuoteConflict");

            migrationBuilder.DropTable(
                name: "QuoteLine");

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

            migrationBuilder.DropTable(
                name: "ApprovalPolicy");

            migrationBuilder.DropTable(
                name: "ApprovalStep");

            migrationBuilder.DropTable(
                name: "Quote");

            migrationBuilder.DropTable(
                name: "Approval");

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
