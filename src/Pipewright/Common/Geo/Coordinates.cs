namespace Pipewright.Common.Geo;

/// <summary>Which map a reading came from: browsers give WGS-84, AMap/Tencent GCJ-02, Baidu BD-09.</summary>
public enum CoordinateSystem { Wgs84, Gcj02, Bd09 }

/// <summary>
/// A location as read (with its system) plus its WGS-84 equivalent, the one canonical value
/// distances are measured in. Ignoring the offset costs 0.5–1.2 km in Chinese cities.
/// </summary>
public sealed record GeoPoint(double Lat, double Lng, CoordinateSystem System, double WgsLat, double WgsLng)
{
    public static GeoPoint From(double lat, double lng, CoordinateSystem system)
    {
        var (wLat, wLng) = system switch
        {
            CoordinateSystem.Gcj02 => Coordinates.Gcj02ToWgs84(lat, lng),
            CoordinateSystem.Bd09 => Coordinates.Gcj02ToWgs84(Coordinates.Bd09ToGcj02(lat, lng)),
            _ => (lat, lng),
        };
        return new GeoPoint(lat, lng, system, wLat, wLng);
    }
}

/// <summary>Conversions between the three systems (formulas in domain-facts.md) and haversine distance.</summary>
public static class Coordinates
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double EarthRadius = 6_371_008.8;

    public static bool OutsideChina(double lat, double lng) =>
        lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;

    public static (double Lat, double Lng) Wgs84ToGcj02(double lat, double lng)
    {
        if (OutsideChina(lat, lng)) return (lat, lng);
        var (dLat, dLng) = Delta(lat, lng);
        return (lat + dLat, lng + dLng);
    }

    /// <summary>GCJ-02 has no closed-form inverse: iterate until the forward transform lands on the input.</summary>
    public static (double Lat, double Lng) Gcj02ToWgs84(double lat, double lng) => Gcj02ToWgs84((lat, lng));

    public static (double Lat, double Lng) Gcj02ToWgs84((double Lat, double Lng) gcj)
    {
        if (OutsideChina(gcj.Lat, gcj.Lng)) return gcj;
        var (lat, lng) = gcj;
        for (var i = 0; i < 30; i++)
        {
            var (fLat, fLng) = Wgs84ToGcj02(lat, lng);
            var (eLat, eLng) = (gcj.Lat - fLat, gcj.Lng - fLng);
            lat += eLat;
            lng += eLng;
            if (Math.Abs(eLat) < 1e-10 && Math.Abs(eLng) < 1e-10) break;
        }
        return (lat, lng);
    }

    public static (double Lat, double Lng) Bd09ToGcj02(double lat, double lng)
    {
        const double xPi = Math.PI * 3000.0 / 180.0;
        double x = lng - 0.0065, y = lat - 0.006;
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * xPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * xPi);
        return (z * Math.Sin(theta), z * Math.Cos(theta));
    }

    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadius * Math.Asin(Math.Sqrt(h));
    }

    private static (double DLat, double DLng) Delta(double lat, double lng)
    {
        double x = lng - 105.0, y = lat - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLng);
    }
}
