namespace Pipewright.Common;

public static class Characters
{
    /// <summary>
    /// Characters as people (and SQL's length and substr) count them: one per code point, so a rare character
    /// outside the BMP, two UTF-16 units, counts once.
    /// </summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
