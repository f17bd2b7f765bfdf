using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pipewright.Common;

/// <summary>
/// An amount in yuan, held as whole fen so that sums and comparisons run inside the database on both providers
/// (SQLite has no decimal arithmetic). The API speaks yuan as a JSON number; rounding is half away from zero.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromYuan(decimal yuan) => new((long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero));

    public decimal Yuan => Fen / 100m;

    public static Money operator +(Money a, Money b) => new(a.Fen + b.Fen);
    public static Money operator -(Money a, Money b) => new(a.Fen - b.Fen);
    public static Money operator *(Money a, decimal factor) => FromYuan(a.Yuan * factor);
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>¥1,234,567.00, the way Chinese invoices and quotes write it.</summary>
    public override string ToString() => Yuan.ToString("¥#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Stored as a 64-bit integer of fen.</summary>
    public sealed class Converter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));
}
