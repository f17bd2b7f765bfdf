using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipewright.Erp;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Erp;

/// <summary>The HTTP ERP gateway against a real HTTP server on 127.0.0.1 that answers, answers slowly, errors and goes away.</summary>
public sealed class HttpErpTests : IAsyncLifetime
{
    private static readonly IHttpClientFactory Clients =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private ErpAdapterServer _erp = null!;
    private readonly TestClock _clock = new();

    public async Task InitializeAsync() => _erp = await ErpAdapterServer.StartAsync();

    public async Task DisposeAsync() => await _erp.DisposeAsync();

    private HttpErp Gateway(Action<ErpOptions>? configure = null)
    {
        var options = new ErpOptions
        {
            Mode = ErpOptions.Http, BaseUrl = _erp.BaseUrl, Token = ErpAdapterServer.Token, // Generous: a loaded test machine must not turn a quick 500 into a timeout; the slow case sets its own.
            TimeoutSeconds = 5, Retries = 2,
            BreakAfterFailures = 3, BreakSeconds = 30, CacheSeconds = 60,
        };
        configure?.Invoke(options);
        return new HttpErp(Clients, Options.Create(options), _clock, NullLogger<HttpErp>.Instance);
    }

    [Fact]
    public async Task An_answering_erp_says_what_is_on_hand_and_whether_the_date_is_met_and_gets_the_token()
    {
        var gateway = Gateway();
        var met = await gateway.GetAvailabilityAsync("Z41H-16C DN100", 20, new DateOnly(2026, 12, 15), CancellationToken.None);
        Assert.Equal((12m, new DateOnly(2026, 12, 10), (bool?)true, "http"), (met.Available, met.EarliestDate, met.CanMeet, met.Source));
        Assert.Null(met.Reason);
        Assert.Equal($"Bearer {ErpAdapterServer.Token}", _erp.LastAuthorization);
        Assert.Equal("?model=Z41H-16C%20DN100&quantity=20&needBy=2026-12-15", _erp.LastQuery);

        var missed = await gateway.GetAvailabilityAsync("Z41H-16C DN100", 20, new DateOnly(2026, 12, 1), CancellationToken.None);
        Assert.False(missed.CanMeet);

        _erp.EarliestDate = null;
        var never = await gateway.GetAvailabilityAsync("Z41H-16C DN100", 500, null, CancellationToken.None);
        Assert.False(never.CanMeet);
    }

    [Fact]
    public async Task A_wrong_token_or_an_unknown_model_is_unknown_not_an_error()
    {
        var wrongToken = await Gateway(o => o.Token = "stale").GetAvailabilityAsync("Z41H-16C DN100", 1, null, CancellationToken.None);
        Assert.Null(wrongToken.CanMeet);
        Assert.Equal(ErpReasons.Rejected, wrongToken.Reason);
        Assert.Equal(1, _erp.Requests);   // a refusal is not retried

        _erp.Unknown.Add("NOPE-1");
        var unknown = await Gateway().GetAvailabilityAsync("NOPE-1", 1, null, CancellationToken.None);
        Assert.Null(unknown.CanMeet);
        Assert.Equal(ErpReasons.UnknownModel, unknown.Reason);
    }

    [Fact]
    public async Task A_slow_erp_is_unknown_after_the_timeout_without_retrying()
    {
        _erp.Mode = ErpAdapterServer.Behaviour.Slow;
        var watch = Stopwatch.StartNew();
        var answer = await Gateway(o => o.TimeoutSeconds = 1).GetAvailabilityAsync("Z41H-16C DN100", 5, null, CancellationToken.None);
        watch.Stop();
        Assert.Null(answer.CanMeet);
        Assert.Equal(ErpReasons.Timeout, answer.Reason);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal(1, _erp.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_unknown()
    {
        _erp.Mode = ErpAdapterServer.Behaviour.Error;
        var answer = await Gateway().GetAvailabilityAsync("Z41H-16C DN100", 5, null, CancellationToken.None);
        Assert.Null(answer.CanMeet);
        Assert.Equal(ErpReasons.Unreachable, answer.Reason);
        Assert.Equal(3, _erp.Requests);   // the first attempt and two retries

        _erp.Mode = ErpAdapterServer.Behaviour.Malformed;
        var nonsense = await Gateway().GetAvailabilityAsync("Z41H-16C DN100", 5, null, CancellationToken.None);
        Assert.Equal(ErpReasons.Malformed, nonsense.Reason);
    }

    [Fact]
    public async Task When_the_erp_goes_away_the_circuit_opens_and_closes_once_it_is_back()
    {
        var gateway = Gateway();
        Assert.True((await gateway.GetAvailabilityAsync("A-1", 1, null, CancellationToken.None)).IsKnown);
        await _erp.StopAsync();

        for (var i = 2; i <= 4; i++)
        {
            var watch = Stopwatch.StartNew();
            var refused = await gateway.GetAvailabilityAsync($"A-{i}", 1, null, CancellationToken.None);
            Assert.Equal(ErpReasons.Unreachable, refused.Reason);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"connection refused took {watch.Elapsed}");
        }

        await _erp.RestartAsync();
        var before = _erp.Requests;
        var open = await gateway.GetAvailabilityAsync("A-5", 1, null, CancellationToken.None);
        Assert.Equal(ErpReasons.CircuitOpen, open.Reason);
        Assert.Null(open.CanMeet);
        Assert.Equal(before, _erp.Requests);   // an open circuit does not ask

        _clock.Advance(TimeSpan.FromSeconds(31));
        var back = await gateway.GetAvailabilityAsync("A-6", 1, null, CancellationToken.None);
        Assert.True(back.IsKnown);
        Assert.True((await gateway.GetAvailabilityAsync("A-7", 1, null, CancellationToken.None)).IsKnown);
        Assert.Equal(before + 2, _erp.Requests);
    }

    [Fact]
    public async Task An_answer_is_reused_for_a_minute_for_the_same_question()
    {
        var gateway = Gateway();
        var needBy = new DateOnly(2026, 12, 31);
        await gateway.GetAvailabilityAsync("Z41H-16C DN100", 5, needBy, CancellationToken.None);
        _erp.OnHand = 99;
        var cached = await gateway.GetAvailabilityAsync("z41h-16c  dn100", 5, needBy, CancellationToken.None);
        Assert.Equal(12m, cached.Available);
        Assert.Equal(1, _erp.Requests);

        await gateway.GetAvailabilityAsync("Z41H-16C DN100", 6, needBy, CancellationToken.None);
        Assert.Equal(2, _erp.Requests);   // another quantity is another question

        _clock.Advance(TimeSpan.FromSeconds(61));
        var fresh = await gateway.GetAvailabilityAsync("Z41H-16C DN100", 5, needBy, CancellationToken.None);
        Assert.Equal(99m, fresh.Available);
        Assert.Equal(3, _erp.Requests);
    }
}
