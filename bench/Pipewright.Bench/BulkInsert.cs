using Microsoft.EntityFrameworkCore;
using Pipewright.Common.Data;

namespace Pipewright.Bench;

/// <summary>
/// The app's <see cref="BulkInsert{T}"/> into an empty table, with the table's secondary indexes dropped first and
/// rebuilt afterwards from their own CREATE statements: one sort instead of a random B-tree insert per row.
/// The primary key stays (the caller sorts the rows by it). SQLite only, like the generated database.
/// </summary>
internal static class GeneratorInsert
{
    public static async Task InsertAsync<T>(PipewrightDb db, IReadOnlyList<T> rows) where T : class
    {
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var indexes = await db.Database.SqlQuery<TableIndex>(
            $"SELECT name AS \"Name\", sql AS \"Sql\" FROM sqlite_master WHERE type = 'index' AND tbl_name = {table} AND sql IS NOT NULL")
            .ToListAsync();
        // Index names come from sqlite_master, not from a user; DDL takes no parameters.
        foreach (var drop in indexes.Select(i => "DROP INDEX \"" + i.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))
            await db.Database.ExecuteSqlRawAsync(drop);
        await new BulkInsert<T>(db).InsertAsync(db, rows, CancellationToken.None);
        foreach (var index in indexes) await db.Database.ExecuteSqlRawAsync(index.Sql);
    }

    private sealed class TableIndex
    {
        public string Name { get; set; } = "";
        public string Sql { get; set; } = "";
    }
}
