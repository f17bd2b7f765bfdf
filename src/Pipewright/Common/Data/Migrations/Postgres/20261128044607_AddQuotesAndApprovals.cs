using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Pipewright.Common.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddQuotesAndApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Approval",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmitterId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Approval", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalDelegation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DelegateId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalDelegation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalPolicy",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalPolicy", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Quote",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Freight = table.Column<long>(type: "bigint", nullable: false),
                    Installation = table.Column<long>(type: "bigint", nullable: false),
                    TaxRate = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ApprovalId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReturnComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quote", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuoteConflict",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuoteFamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OtherFamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OtherCustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OtherOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WinnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteConflict", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalStep",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApprovalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    ApproverKind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Mode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DueHours = table.Column<int>(type: "integer", nullable: false),
                    RejectToPreviousStep = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OverdueNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    ApproverKind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Mode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DueHours = table.Column<int>(type: "integer", nullable: false),
                    RejectToPreviousStep = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineNo = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModelKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProductName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: false),
                    ListPrice = table.Column<long>(type: "bigint", nullable: false),
                    UnitCost = table.Column<long>(type: "bigint", nullable: true),
                    FloorPrice = table.Column<long>(type: "bigint", nullable: true),
                    OptionIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    OptionsText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EarliestShipDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CanMeet = table.Column<bool>(type: "boolean", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApprovalId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApproverId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                values: new object[] { new Guid("0195a000-0000-7000-8000-000000000001"), true, "低于标准价 85%", 1, "quote", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0 });

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
                name: "QuoteConflict");

            migrationBuilder.DropTable(
                name: "QuoteLine");

            migrationBuilder.DropTable(
                name: "ApprovalPolicy");

            migrationBuilder.DropTable(
                name: "ApprovalStep");

            migrationBuilder.DropTable(
                name: "Quote");

            migrationBuilder.DropTable(
                name: "Approval");
        }
    }
}
