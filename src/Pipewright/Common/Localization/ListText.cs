namespace Pipewright.Common.Localization;

/// <summary>Lists as people type them in one box: 永晟化工、永晟 or 永晟化工, 永晟 (Chinese or Latin separators).</summary>
public static class ListText
{
    public static List<string> Split(string? text) =>
        (text ?? "").Split([',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Join(IEnumerable<string> items) => string.Join("、", items);
}
