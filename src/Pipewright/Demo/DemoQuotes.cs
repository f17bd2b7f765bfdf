using Microsoft.EntityFrameworkCore;
using Pipewright.Catalog;
using Pipewright.Common.Auth;
using Pipewright.Common.Data;
using Pipewright.Customers;
using Pipewright.Pipeline.CreateOpportunity;
using Pipewright.Quotes.SaveQuote;
using Pipewright.Quotes.SubmitQuote;

namespace Pipewright.Demo;

/// <summary>
/// 王磊's quotes in the demo, made through the real handlers: one at 95% of list (approved at once) and one at 80%
/// (waiting for 陈静, then finance and the general manager). Uses whatever catalog products the demo has; none, no quotes.
/// </summary>
public static class DemoQuotes
{
    public static async Task LoadAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PipewrightDb>();
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Model).Take(2).ToListAsync(ct);
        var wangleiId = await db.Users.Where(u => u.UserName == "wanglei").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (products.Count == 0 || wangleiId is not { } id) return;
        var wanglei = await services.GetRequiredService<CurrentUserLoader>().FindAsync(id, ct);
        if (wanglei is null) return;

        var customers = await db.Customers.Where(c => c.OwnerId == id && c.Level == CustomerLevel.A).OrderBy(c => c.Code).Take(2).ToListAsync(ct);
        var saver = services.GetRequiredService<SaveQuoteHandler>();
        var submitter = services.GetRequiredService<SubmitQuoteHandler>();
        var shares = new[] { 0.95m, 0.80m };
        for (var i = 0; i < customers.Count; i++)
        {
            var product = products[i % products.Count];
            var opportunity = await Opportunities.OpenAsync(db, customers[i].Id, id, $"{product.Name} 采购", product.ListPrice * 20m,
                null, product.Category, null, now, ct);
            await db.SaveChangesAsync(ct);
            var quote = await saver.CreateAsync(new SaveQuoteRequest
            {
                OpportunityId = opportunity.Id,
                Lines = [new QuoteLineInput { ProductId = product.Id, Quantity = 20, UnitPrice = (product.ListPrice * shares[i]).Yuan }],
                Freight = 800, Note = "含运费，不含安装调试。",
            }, wanglei, ct);
            if (quote.Value is { } created) await submitter.SubmitAsync(created.Id, wanglei, ct);
        }
    }
}
