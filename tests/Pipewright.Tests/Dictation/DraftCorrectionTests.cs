using System.Net;
using System.Net.Http.Json;
using Pipewright.Dictation.Draft;
using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Dictation;

/// <summary>
/// What the salesperson adds by hand to a dictated draft: amounts typed as they are written or said, and the
/// products and amounts the extraction missed reaching the saved follow-up.
/// </summary>
public sealed class DraftCorrectionTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Theory]
    [InlineData("12800", 12800)]
    [InlineData("12,800.50", 12800.5)]
    [InlineData(" 5000 元", 5000)]
    [InlineData("３０００块", 3000)]
    [InlineData("8万", 80000)]
    [InlineData("八十万", 800000)]
    [InlineData("3万5", 35000)]
    [InlineData("100000000000", 100000000000)]
    public void A_typed_amount_is_read_in_yuan(string typed, double yuan)
    {
        var (value, errorKey) = VoiceNoteDraft.ReadAmount(typed);
        Assert.Null(errorKey);
        Assert.Equal((decimal)yuan, value);
    }

    [Theory]
    [InlineData(null, "voice.amount.required")]
    [InlineData("  ", "voice.amount.required")]
    [InlineData("元", "voice.amount.required")]
    [InlineData("abc", "voice.amount.notNumber")]
    [InlineData("12800x", "voice.amount.notNumber")]
    [InlineData("0", "voice.amount.range")]
    [InlineData("-5", "voice.amount.range")]
    [InlineData("100000000000.01", "voice.amount.range")]
    [InlineData("12.345", "voice.amount.fen")]
    public void A_typed_amount_that_is_no_amount_says_why(string? typed, string expectedKey)
    {
        var (value, errorKey) = VoiceNoteDraft.ReadAmount(typed);
        Assert.Null(value);
        Assert.Equal(expectedKey, errorKey);
    }

    [Fact]
    public async Task A_follow_up_keeps_products_without_a_quantity_and_amounts_in_fen()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = $"宁波{Guid.NewGuid().ToString("N")[..8]}机械有限公司", ignoreSimilar = true });
        var model = $"DA-{Guid.NewGuid().ToString("N")[..6]}";
        var product = await PipewrightApp.ReadAsync(await (await app.AdminAsync()).PostAsJsonAsync("/api/v1/products",
            new { model, name = "截止阀", category = "截止阀", unit = "台", listPrice = 900m }));

        var response = await rep.PostAsJsonAsync("/api/v1/activities", new
        {
            customerId = customer["id"]!.GetValue<Guid>(),
            kind = "visit",
            content = "上午拜访，客户问了截止阀。",
            products = new[] { new { productId = product["id"]!.GetValue<Guid>(), quantity = (decimal?)null } },
            amounts = new[] { 12800.5m },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var saved = (await PipewrightApp.ReadAsync(await rep.GetAsync($"/api/v1/customers/{customer["id"]}/activities")))["items"]![0]!;
        var line = Assert.Single(saved["products"]!.AsArray())!;
        Assert.Equal(model, line["model"]!.GetValue<string>());
        Assert.Null(line["quantity"]);
        Assert.Equal(12800.5m, Assert.Single(saved["amounts"]!.AsArray())!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_amount_beyond_the_limit_is_refused_on_its_field()
    {
        var rep = await app.SignInAsync("rep1");
        var customer = await CompanyApp.CreateCustomerAsync(rep, new { name = $"宁波{Guid.NewGuid().ToString("N")[..8]}机械有限公司", ignoreSimilar = true });

        var response = await rep.PostAsJsonAsync("/api/v1/activities", new
        {
            customerId = customer["id"]!.GetValue<Guid>(),
            kind = "note",
            content = "预算一千亿出头。",
            amounts = new[] { 100_000_000_000.01m },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PipewrightApp.ReadAsync(response);
        Assert.Equal("金额须大于 0 且不超过 1000 亿元。", problem["errors"]!["amounts"]![0]!.GetValue<string>());
    }
}
