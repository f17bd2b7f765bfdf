using Microsoft.AspNetCore.Localization;

namespace Pipewright.Common.Localization;

public static class CultureEndpoint
{
    /// <summary>The language switch: remembers the choice in a cookie for a year, then goes back.</summary>
    public static IEndpointRouteBuilder MapCulture(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? c, string? redirect, HttpContext context) =>
        {
            var culture = Strings.Cultures.FirstOrDefault(x => x.Name == c) ?? Strings.Chinese;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            var target = redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
