using System.Diagnostics;
using System.Net.Http.Headers;

namespace Pipewright.Bench.ReportsData;

/// <summary>
/// measure: the first request of a path after the app started (cold: JIT, EF's query compilation, the database's
/// caches for these rows), then N more one after the other (warm); p50 and p95 of the warm ones. One connection, as a
/// manager opening a dashboard.
/// </summary>
internal static class Measure
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseUrl = options.Required("base");
        var path = options.Required("path");
        var warm = options.Number("warm", 30);
        var label = options.Text("label", path);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Required("token"));

        var cold = await TimeAsync(http, path);
        var times = new List<double>(warm);
        for (var i = 0; i < warm; i++) times.Add(await TimeAsync(http, path));
        times.Sort();
        Console.WriteLine($"{label,-34} cold {cold,8:F1} ms   warm p50 {Percentile(times, 0.5),7:F1} ms   p95 {Percentile(times, 0.95),7:F1} ms   (n={warm})");
        return 0;
    }

    private static async Task<double> TimeAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new CommandLineException($"GET {path} → {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return ms;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
