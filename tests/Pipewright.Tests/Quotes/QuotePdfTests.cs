using System.Net;
using Pipewright.Common;
using Pipewright.Quotes.Pdf;
using Pipewright.Tests.Infrastructure;
using UglyToad.PdfPig;
using static Pipewright.Tests.Quotes.QuoteTestData;

namespace Pipewright.Tests.Quotes;

public sealed class QuotePdfTests(CompanyApp app) : IClassFixture<CompanyApp>
{
    [Fact]
    public async Task The_PDF_opens_and_shows_the_Chinese_customer_name_the_title_and_the_amount_in_words()
    {
        var rep1 = await app.SignInAsync("rep1");
        var product = await ProductAsync(app, listPrice: 1000m, unitCost: 600m);
        var (_, opportunityId, customerName) = await DealAsync(rep1, PipewrightApp.Unique("宁波博远阀门") + "有限公司");
        var quote = await QuoteAsync(rep1, opportunityId, product.Id, 12, 1029.05m);

        var response = await rep1.GetAsync($"/api/v1/quotes/{quote["id"]}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
        Assert.Contains("报价单", text);
        Assert.Contains(customerName, text);
        Assert.Contains(quote["code"]!.GetValue<string>(), text);
        Assert.Contains("壹万贰仟叁佰肆拾捌元陆角整", text);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("rep2")).GetAsync($"/api/v1/quotes/{quote["id"]}/pdf")).StatusCode);
    }

    [Theory]
    [InlineData(12345.60, "壹万贰仟叁佰肆拾伍元陆角整")]
    [InlineData(100010, "壹拾万零壹拾元整")]
    [InlineData(1000.05, "壹仟元零伍分")]
    [InlineData(0.5, "伍角整")]
    [InlineData(20000000, "贰仟万元整")]
    public void Amounts_are_written_in_words_as_invoices_write_them(decimal yuan, string words) =>
        Assert.Equal(words, ChineseAmount.InWords(Money.FromYuan(yuan)));
}
