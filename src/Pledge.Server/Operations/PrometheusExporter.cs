using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Pledge.Server.Operations;

/// <summary>
/// Listens to this host's meters (Pledge's own and ASP.NET Core's request metrics) and writes what they measured
/// in the Prometheus text exposition format (version 0.0.4), which every Prometheus-compatible scraper reads.
/// </summary>
/// <remarks>
/// <para>Only meters made by the host's own <see cref="IMeterFactory"/> are read: the factory is the meter's scope,
/// so a second host in the same process (as in tests) exports only its own numbers.</para>
/// <para>Counters and histograms accumulate from the start of the process, as Prometheus expects (it computes rates
/// itself); observable instruments are read at each scrape. Names follow Prometheus' conventions: dots become
/// underscores, a unit of seconds or bytes becomes a suffix, counters end in <c>_total</c>.</para>
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly HashSet<string> ExportedMeters = new(StringComparer.Ordinal)
    {
        ServerMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    };

    // Prometheus' own default buckets, for histograms whose instrument gives no advice.
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IMeterFactory _scope;
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private readonly List<Family> _families = [];

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _scope = meterFactory;
        _listener = new MeterListener { InstrumentPublished = Publish };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((instrument, value, tags, state) => Record(state, (double)value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every family, sorted by name.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            foreach (var family in _families.Where(f => f.IsObservable))
            {
                family.Clear();
            }
        }

        // Observable callbacks report through Record, which takes the lock itself.
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var family in _families.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Write(text);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, _scope) || !ExportedMeters.Contains(instrument.Meter.Name))
        {
            return;
        }

        lock (_gate)
        {
            var family = Family.For(instrument);
            _families.Add(family);
            listener.EnableMeasurementEvents(instrument, family);
        }
    }

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is not Family family)
        {
            return;
        }

        var labels = Labels(tags);
        lock (_gate)
        {
            family.Record(labels, value);
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(Name(key)).Append("=\"");
            Escape(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, quoted: true);
            text.Append('"');
        }

        return text.ToString();
    }

    /// <summary>A metric or label name in Prometheus' alphabet: letters, digits and underscores.</summary>
    internal static string Name(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':' ? c : '_');
        }

        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    private static void Escape(StringBuilder text, string value, bool quoted)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '"' when quoted => text.Append("\\\""),
                _ => text.Append(c),
            };
        }
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private enum Kind
    {
        Counter,
        CumulativeCounter,
        Gauge,
        SummingGauge,
        Histogram,
    }

    /// <summary>One instrument as one Prometheus metric family: its series by label set.</summary>
    private sealed class Family
    {
        private readonly Kind _kind;
        private readonly string? _help;
        private readonly double[] _buckets;
        private readonly SortedDictionary<string, Series> _series = new(StringComparer.Ordinal);

        private Family(string name, Kind kind, string? help, double[] buckets)
        {
            Name = name;
            _kind = kind;
            _help = help;
            _buckets = buckets;
        }

        public string Name { get; }

        /// <summary>Observable instruments report their current value at each scrape, not increments.</summary>
        public bool IsObservable => _kind is Kind.CumulativeCounter or Kind.Gauge;

        public static Family For(Instrument instrument)
        {
            var type = instrument.GetType();
            var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            var kind = generic == typeof(Counter<>) ? Kind.Counter
                : generic == typeof(ObservableCounter<>) ? Kind.CumulativeCounter
                : generic == typeof(UpDownCounter<>) ? Kind.SummingGauge
                : generic == typeof(Histogram<>) ? Kind.Histogram
                : Kind.Gauge; // ObservableGauge, ObservableUpDownCounter, Gauge: the last value is the value.
            var name = Name(instrument.Name);
            var suffix = instrument.Unit switch
            {
                "s" => "_seconds",
                "ms" => "_milliseconds",
                "By" => "_bytes",
                _ => string.Empty,
            };
            if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name += suffix;
            }

            if (kind is Kind.Counter or Kind.CumulativeCounter && !name.EndsWith("_total", StringComparison.Ordinal))
            {
                name += "_total";
            }

            var buckets = kind == Kind.Histogram ? AdvisedBuckets(instrument) ?? DefaultBuckets : [];
            return new Family(name, kind, instrument.Description, buckets);
        }

        public void Clear() => _series.Clear();

        public void Record(string labels, double value)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                series = new Series(_buckets.Length);
                _series.Add(labels, series);
            }

            switch (_kind)
            {
                case Kind.Counter or Kind.SummingGauge:
                    series.Value += value;
                    break;
                case Kind.CumulativeCounter or Kind.Gauge:
                    series.Value = value;
                    break;
                case Kind.Histogram:
                    series.Value += value;
                    series.Count++;
                    var bucket = Array.BinarySearch(_buckets, value);
                    series.Buckets[bucket >= 0 ? bucket : ~bucket]++;
                    break;
            }
        }

        public void Write(StringBuilder text)
        {
            if (!string.IsNullOrEmpty(_help))
            {
                text.Append("# HELP ").Append(Name).Append(' ');
                Escape(text, _help, quoted: false);
                text.Append('\n');
            }

            var type = _kind switch
            {
                Kind.Counter or Kind.CumulativeCounter => "counter",
                Kind.Histogram => "histogram",
                _ => "gauge",
            };
            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, series) in _series)
            {
                if (_kind != Kind.Histogram)
                {
                    Sample(text, Name, labels, Number(series.Value));
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i <= _buckets.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    var le = "le=\"" + (i < _buckets.Length ? Number(_buckets[i]) : "+Inf") + "\"";
                    Sample(text, Name + "_bucket", labels.Length == 0 ? le : labels + "," + le, cumulative.ToString(CultureInfo.InvariantCulture));
                }

                Sample(text, Name + "_sum", labels, Number(series.Value));
                Sample(text, Name + "_count", labels, series.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, string value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(value).Append('\n');
        }

        private static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
    }

    private sealed class Series(int buckets)
    {
        public double Value { get; set; }

        public long Count { get; set; }

        // One more than the bounds: the last counts values above every bound (+Inf).
        public long[] Buckets { get; } = new long[buckets + 1];
    }
}
