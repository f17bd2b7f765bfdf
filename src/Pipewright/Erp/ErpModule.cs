namespace Pipewright.Erp;

public static class ErpModule
{
    public static IServiceCollection AddErp(this IServiceCollection services)
    {
        services.AddSingleton<IErpGateway, BuiltInErp>();
        return services;
    }
}
