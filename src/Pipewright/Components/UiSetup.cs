using Pipewright.Components.Shared;

namespace Pipewright.Components;

public static class UiSetup
{
    public static IServiceCollection AddPipewrightUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();
        services.AddScoped<UiSession>();
        return services;
    }
}
