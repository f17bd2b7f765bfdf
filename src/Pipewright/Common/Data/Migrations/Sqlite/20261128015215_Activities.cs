using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipewright.Common.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attachment");

            migrationBuilder.DropIndex(
                name: "IX_Activity_CustomerId_NextStepDoneAt_NextDate",
                table: "Activity");

            migrationBuilder.DropColumn(
                name: "NextStepDoneAt",
                table: "Activity");
        }
    }
}
