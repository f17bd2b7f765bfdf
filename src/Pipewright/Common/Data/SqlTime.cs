using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pipewright.Common.Data;

/// <summary>
/// Instants as seconds since 0001-01-01 UTC inside SQL, so that reports average durations (dwell, cycle, approval
/// hours) in the database on both providers. SQLite holds a DateTimeOffset as the binary long of
/// DateTimeOffsetToBinaryConverter ((local ticks / 1000) &lt;&lt; 11 | offset minutes in 11 bits); PostgreSQL as timestamptz.
/// </summary>
public static class SqlTime
{
    private const double UnixEpochSeconds = 62_135_596_800d;

    /// <summary>Only meaningful inside a LINQ query; the database computes it.</summary>
    public static double? Seconds(DateTimeOffset? at) =>
        at is { } value ? value.UtcTicks / (double)TimeSpan.TicksPerSecond : throw new InvalidOperationException("SQL only");

    public static void Register(ModelBuilder builder, bool postgres)
    {
        var method = typeof(SqlTime).GetMethod(nameof(Seconds))!;
        var real = new DoubleTypeMapping(postgres ? "double precision" : "REAL");
        builder.HasDbFunction(method).HasTranslation(args => postgres ? Postgres(args[0], real) : Sqlite(args[0], real));
    }

    // date_part('epoch', …) counts from 1970; the shift keeps one scale for both providers.
    private static SqlExpression Postgres(SqlExpression at, RelationalTypeMapping real) =>
        new SqlBinaryExpression(ExpressionType.Add,
            new SqlFunctionExpression("date_part", [new SqlFragmentExpression("'epoch'"), at], nullable: true,
                argumentsPropagateNullability: [false, true], typeof(double), real),
            Constant(UnixEpochSeconds, real), typeof(double), real);

    private static SqlExpression Sqlite(SqlExpression at, RelationalTypeMapping real)
    {
        var integer = new LongTypeMapping("INTEGER");
        // (at / 2048) is local ticks / 1000, i.e. units of 100 µs; the low 11 bits are the signed offset in minutes.
        var localSeconds = new SqlBinaryExpression(ExpressionType.Divide,
            new SqlBinaryExpression(ExpressionType.Divide, at, Constant(2048L, integer), typeof(long), integer),
            Constant(10_000d, real), typeof(double), real);
        var offsetMinutes = new SqlBinaryExpression(ExpressionType.Subtract,
            new SqlBinaryExpression(ExpressionType.Modulo,
                new SqlBinaryExpression(ExpressionType.Add,
                    new SqlBinaryExpression(ExpressionType.Modulo, at, Constant(2048L, integer), typeof(long), integer),
                    Constant(1024L, integer), typeof(long), integer),
                Constant(2048L, integer), typeof(long), integer),
            Constant(1024L, integer), typeof(long), integer);
        return new SqlBinaryExpression(ExpressionType.Subtract, localSeconds,
            new SqlBinaryExpression(ExpressionType.Multiply, offsetMinutes, Constant(60d, real), typeof(double), real),
            typeof(double), real);
    }

    private static SqlConstantExpression Constant(object value, RelationalTypeMapping mapping) => new(value, value.GetType(), mapping);
}
