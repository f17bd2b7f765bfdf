using System.Text.RegularExpressions;

namespace Pipewright.Tests.Common;

/// <summary>
/// The arrows of architecture.md: a module uses only the modules below it. Read from the sources,
/// so that a using, a fully qualified name or a Razor @using all count.
/// </summary>
public sealed partial class ArchitectureTests
{
    // Lower number = lower layer. Components (the shell) and Program sit on top of everything.
    private static readonly Dictionary<string, int> Layers = new()
    {
        ["Common"] = 0,
        ["Organisation"] = 1,
        ["Customers"] = 2,
        ["Catalog"] = 2,
        ["Approvals"] = 2,
        ["Notifications"] = 2,
        ["Activities"] = 3,
        ["Pipeline"] = 3,
        ["Erp"] = 3,
        // Joins Activities and Pipeline (both layer 3): follow-ups and files as funnel evidence.
        ["Evidence"] = 4,
        ["Leads"] = 4,
        ["PublicPool"] = 4,
        ["Quotes"] = 4,
        ["Tasks"] = 4,
        ["Dictation"] = 4,
        ["Reports"] = 5,
        ["Demo"] = 8,
        ["Components"] = 9,
    };

    [Fact]
    public void Modules_use_only_the_modules_below_them()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pipewright"));
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs") || f.EndsWith(".razor")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/")))
        {
            var relative = Path.GetRelativePath(root, file);
            var module = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!Layers.TryGetValue(module, out var layer)) continue;
            foreach (Match match in Reference().Matches(File.ReadAllText(file)))
            {
                var used = match.Groups[1].Value;
                if (used != module && Layers.TryGetValue(used, out var usedLayer) && usedLayer >= layer)
                    violations.Add($"{relative} uses {used}");
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void Every_module_folder_is_placed_in_a_layer()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pipewright"));
        var modules = Directory.EnumerateDirectories(root).Select(Path.GetFileName)
            .Where(d => d is not ("bin" or "obj" or "wwwroot" or "Properties"))
            .ToList();
        Assert.All(modules, m => Assert.True(Layers.ContainsKey(m!), $"{m} has no layer in ArchitectureTests"));
    }

    [GeneratedRegex(@"\bPipewright\.([A-Z][A-Za-z]+)")]
    private static partial Regex Reference();
}
