using Pipewright.Tests.Infrastructure;

namespace Pipewright.Tests.Pipeline;

/// <summary>The board's list view: the same team (with sub-teams) and product-category filters as its columns, paged in SQL.</summary>
public sealed class ListingDealsLikeTheBoardTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task The_list_filters_by_team_with_its_sub_teams_and_by_product_category()
    {
        var category = PipewrightApp.Unique("截止阀");
        await Funnel.OpenDealAsync(await app.SignInAsync("rep1"), "镇海炼化", new { productCategory = category });
        await Funnel.OpenDealAsync(await app.SignInAsync("rep2"), "象山海运", new { productCategory = category });
        await Funnel.OpenDealAsync(await app.SignInAsync("southrep"), "佛山顺德", new { productCategory = category });
        await Funnel.OpenDealAsync(await app.SignInAsync("rep1"), "北仑港务", new { productCategory = PipewrightApp.Unique("球阀") });
        var gm = await app.SignInAsync("gm");

        // 华东区 holds 宁波组, where rep1 and rep2 sit.
        var east = await PipewrightApp.ReadAsync(await gm.GetAsync($"/api/v1/opportunities?productCategory={category}&teamId={app.East}"));
        Assert.Equal(2, east["total"]!.GetValue<int>());
        var south = await PipewrightApp.ReadAsync(await gm.GetAsync($"/api/v1/opportunities?productCategory={category}&teamId={app.South}"));
        Assert.Equal(1, south["total"]!.GetValue<int>());
        var paged = await PipewrightApp.ReadAsync(await gm.GetAsync($"/api/v1/opportunities?productCategory={category}&pageSize=2&page=2"));
        Assert.Equal(3, paged["total"]!.GetValue<int>());
        Assert.Single(paged["items"]!.AsArray());

        // A rep's list stays within his own deals whatever team he asks for.
        var mine = await PipewrightApp.ReadAsync(await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/opportunities?productCategory={category}&teamId={app.East}"));
        Assert.Equal(1, mine["total"]!.GetValue<int>());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest,
            (await gm.GetAsync($"/api/v1/opportunities?productCategory={new string('阀', 51)}")).StatusCode);
    }
}
