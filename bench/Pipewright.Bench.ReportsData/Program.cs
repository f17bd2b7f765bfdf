using System.Globalization;
using Pipewright.Bench;
using Pipewright.Bench.ReportsData;

// The default funnel's stage names and lost reasons are read in the UI language, as the app's default is zh-CN.
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
var command = args.FirstOrDefault();
var options = CommandLine.Parse(args.Skip(1));
try
{
    return command switch
    {
        "generate" => await Generate.RunAsync(options),
        "measure" => await Measure.RunAsync(options),
        _ => Usage(),
    };
}
catch (CommandLineException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Pipewright.Bench.ReportsData — report data at scale, for bench/reports.sh

          generate (--sqlite DIR | --postgres CONNECTION) [--companies 1] [--customers 5000] [--opportunities 10000]
                   [--activities 250000] [--leads 6000] [--seed 1] [--as-of yyyy-MM-dd] [--no-search] [--force]
              S = one company over the three years up to --as-of (today; China time) (the defaults); L = --companies 100 in one database. Migrates, creates the
              organisation (company 1: the demo company's people plus seven reps; further companies: copies named
              wanglei02 …), then writes customers, contacts, leads, deals with their stage histories, follow-ups,
              technical requests and approved quotes with their approval steps.
          measure --base URL --token TOKEN --path PATH [--warm 30] [--label TEXT]
              One cold request (the first of this path since the app started), then N warm ones; prints ms.
        """);
    return 2;
}
