using Pipewright.Bench;

// Commands:
//   generate --root DIR [--customers 20000] [--seed 1] [--admin-password P] [--password P] [--force]
//   terms    --root DIR --out FILE [--count 500] [--seed 1] [--owner USERNAME]
//   import-sheet --out FILE [--rows 100000] [--seed 1]
//   funnel   --root DIR [--opportunities 10000] [--history 50000] [--seed 1]
//   voice    --notes FILE.jsonl --master FILE.json [--rounds 200] [--misses]
//   explain  --root DIR [--terms FILE] [--user USERNAME] [--iterations 200] [--pieces] [--pieces]
var command = args.FirstOrDefault();
var options = CommandLine.Parse(args.Skip(1));
try
{
    return command switch
    {
        "generate" => await Generate.RunAsync(options),
        "terms" => await TermSample.RunAsync(options),
        "explain" => await Explain.RunAsync(options),
        "import-sheet" => ImportSheet.Run(options),
        "funnel" => await Funnel.RunAsync(options),
        "voice" => Voice.Run(options),
        _ => CommandLine.Usage(),
    };
}
catch (CommandLineException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
