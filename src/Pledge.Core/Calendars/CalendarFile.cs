using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Files;
using YamlDotNet.RepresentationModel;

namespace Pledge.Calendars;

/// <summary>
/// Reads the calendar file format (YAML) fixed in DESIGN.md, validating everything and reporting every
/// problem with its field and line. Pure: the caller supplies the text and, for <c>ical:</c>, a way to read
/// the named file.
/// </summary>
/// <example>
/// <code>
/// name: berlin-office
/// timezone: Europe/Berlin
/// week:
///   monday:  ["09:00-17:00"]
///   friday:  ["22:00-06:00"]     # crosses midnight: belongs to the day it starts
/// holidays:
///   - 2026-12-25
///   - { date: 2026-12-24, hours: ["09:00-12:00"] }
///   - { annual: 12-26 }
/// ical: holidays.ics
/// </code>
/// </example>
public static class CalendarFile
{
    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly AnnualDatePattern AnnualPattern = AnnualDatePattern.Iso;

    /// <summary>Reads a calendar, throwing <see cref="CalendarFileException"/> listing every problem if it is not valid.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="source">The file's name, used in messages and as the default calendar name.</param>
    /// <param name="readFile">Reads a file named in the calendar (the <c>ical</c> field), relative to the calendar file.</param>
    public static BusinessCalendar Load(string yaml, string source, Func<string, string>? readFile = null)
    {
        var result = Read(yaml, source, readFile);
        return result.Calendar ?? throw new CalendarFileException(source, result.Problems);
    }

    /// <summary>Reads a calendar and reports every problem; never throws for bad input.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="source">The file's name, used as the default calendar name.</param>
    /// <param name="readFile">Reads a file named in the calendar (the <c>ical</c> field), relative to the calendar file.</param>
    public static CalendarFileResult Read(string yaml, string source, Func<string, string>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var reader = new Reader(source, readFile);
        return reader.Read(yaml);
    }

    private sealed class Reader(string source, Func<string, string>? readFile)
    {
        private readonly List<CalendarProblem> _problems = [];
        private YamlFile? _yaml;

        public CalendarFileResult Read(string yaml)
        {
            var root = Yaml.Parse(yaml, "name, timezone, week, holidays");
            if (root is null)
            {
                return Done(null);
            }

            string? name = null;
            DateTimeZone? zone = null;
            var week = new Dictionary<IsoDayOfWeek, ImmutableArray<BusinessHours>>();
            var holidays = new List<Holiday>();
            YamlNode? weekNode = null;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                switch (key)
                {
                    case "name":
                        name = Text(value, "name");
                        break;
                    case "timezone":
                        zone = ReadZone(value);
                        break;
                    case "week":
                        weekNode = value;
                        ReadWeek(value, week);
                        break;
                    case "holidays":
                        ReadHolidays(value, holidays);
                        break;
                    case "ical":
                        ReadIcal(value, holidays);
                        break;
                    default:
                        Error(key, keyNode, $"unknown field \"{key}\" (expected name, timezone, week, holidays, ical)");
                        break;
                }
            }

            if (!root.Children.ContainsKey(new YamlScalarNode("timezone")))
            {
                Error("timezone", root, "is required: an IANA time zone such as Europe/Berlin");
            }

            if (name is null && !root.Children.ContainsKey(new YamlScalarNode("name")))
            {
                name = Path.GetFileNameWithoutExtension(source);
                if (string.IsNullOrWhiteSpace(name))
                {
                    Error("name", root, "is required: the calendar has no name and its source gives none");
                    name = null;
                }
            }

            if (zone is null || name is null || _problems.Any(p => !p.IsWarning))
            {
                return Done(null);
            }

            var definition = new CalendarDefinition(name, zone, week, holidays);
            if (!definition.HasRecurringBusinessTime)
            {
                Error("week", weekNode ?? root, "the calendar has no business time at all: every day of the week is closed");
                return Done(null);
            }

            return Done(BusinessCalendar.Create(definition));
        }

        private CalendarFileResult Done(BusinessCalendar? calendar) =>
            new(calendar, [.. _problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);

        private DateTimeZone? ReadZone(YamlNode node)
        {
            var id = Text(node, "timezone");
            if (id is null)
            {
                return null;
            }

            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
            if (zone is null)
            {
                Error("timezone", node, $"\"{id}\" is not a known time zone (use an IANA id such as Europe/Berlin)");
            }

            return zone;
        }

        private void ReadWeek(YamlNode node, Dictionary<IsoDayOfWeek, ImmutableArray<BusinessHours>> week)
        {
            if (IsNull(node))
            {
                return;
            }

            if (node is not YamlMappingNode days)
            {
                Error("week", node, "must be a mapping of days (monday … sunday) to lists of windows such as [\"09:00-17:00\"]");
                return;
            }

            foreach (var (keyNode, value) in days.Children)
            {
                var dayName = ((keyNode as YamlScalarNode)?.Value ?? string.Empty).Trim();
                var index = Array.IndexOf(DayNames, dayName.ToLowerInvariant());
                if (index < 0)
                {
                    Error($"week.{dayName}", keyNode, $"\"{dayName}\" is not a day of the week (monday … sunday)");
                    continue;
                }

                var day = (IsoDayOfWeek)(index + 1);
                week[day] = ReadWindows(value, $"week.{DayNames[index]}");
            }

            CheckOvernightOverlaps(days, week);
        }

        /// <summary>An overnight window must not run into the next day's first window.</summary>
        private void CheckOvernightOverlaps(YamlMappingNode days, Dictionary<IsoDayOfWeek, ImmutableArray<BusinessHours>> week)
        {
            for (var index = 0; index < 7; index++)
            {
                var day = (IsoDayOfWeek)(index + 1);
                var next = (IsoDayOfWeek)(((index + 1) % 7) + 1);
                if (!week.TryGetValue(day, out var hours) || !week.TryGetValue(next, out var nextHours))
                {
                    continue;
                }

                for (var i = 0; i < hours.Length; i++)
                {
                    if (!hours[i].EndsNextDay)
                    {
                        continue;
                    }

                    foreach (var later in nextHours)
                    {
                        if (later.Start < hours[i].End)
                        {
                            var node = days.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value?.Trim(), DayNames[index], StringComparison.OrdinalIgnoreCase)).Value;
                            Error($"week.{DayNames[index]}[{i}]", node, $"\"{hours[i]}\" overlaps {DayNames[(index + 1) % 7]}'s \"{later}\"");
                        }
                    }
                }
            }
        }

        private ImmutableArray<BusinessHours> ReadWindows(YamlNode node, string field)
        {
            if (IsNull(node))
            {
                return [];
            }

            if (node is not YamlSequenceNode list)
            {
                Error(field, node, "must be a list of windows such as [\"09:00-17:00\"] (an empty list or a missing day is closed)");
                return [];
            }

            var windows = new List<(BusinessHours Hours, int Index, YamlNode Node)>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var item = list.Children[i];
                var text = (item as YamlScalarNode)?.Value;
                if (!BusinessHours.TryParse(text, out var hours))
                {
                    Error($"{field}[{i}]", item, text is null
                        ? "is not a time range such as \"09:00-17:00\""
                        : $"\"{text}\" is not a time range (HH:MM-HH:MM, 00:00-24:00; an end before the start crosses midnight)");
                    continue;
                }

                windows.Add((hours, i, item));
            }

            // Windows of one day must not overlap (touching is fine: "09:00-12:00", "12:00-17:00").
            var ordered = windows.OrderBy(w => w.Hours.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1].Hours;
                var current = ordered[i].Hours;
                if (previous.EndsNextDay || current.Start < previous.End)
                {
                    Error($"{field}[{ordered[i].Index}]", ordered[i].Node, $"\"{current}\" overlaps \"{previous}\"");
                }
            }

            return [.. windows.Select(w => w.Hours)];
        }

        private void ReadHolidays(YamlNode node, List<Holiday> holidays)
        {
            if (IsNull(node))
            {
                return;
            }

            if (node is not YamlSequenceNode list)
            {
                Error("holidays", node, "must be a list of dates (2026-12-25), shortened days ({ date: 2026-12-24, hours: [\"09:00-12:00\"] }) or annual days ({ annual: 12-26 })");
                return;
            }

            var seenDates = new Dictionary<LocalDate, int>();
            var seenAnnual = new Dictionary<AnnualDate, int>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var field = $"holidays[{i}]";
                var item = list.Children[i];
                Holiday? holiday = item switch
                {
                    YamlScalarNode scalar => ReadDate(scalar, field) is { } date ? Holiday.On(date) : null,
                    YamlMappingNode mapping => ReadHolidayEntry(mapping, field),
                    _ => Invalid(item, field),
                };
                if (holiday is null)
                {
                    continue;
                }

                if (holiday.Date is { } d && !seenDates.TryAdd(d, i))
                {
                    Error(field, item, $"{d:yyyy-MM-dd} is already listed at holidays[{seenDates[d]}]");
                    continue;
                }

                if (holiday.Annual is { } a && !seenAnnual.TryAdd(a, i))
                {
                    Error(field, item, $"annual {AnnualPattern.Format(a)} is already listed at holidays[{seenAnnual[a]}]");
                    continue;
                }

                holidays.Add(holiday);
            }
        }

        private Holiday? Invalid(YamlNode item, string field)
        {
            Error(field, item, "must be a date (2026-12-25) or a mapping with date or annual");
            return null;
        }

        private Holiday? ReadHolidayEntry(YamlMappingNode mapping, string field)
        {
            LocalDate? date = null;
            AnnualDate? annual = null;
            string? name = null;
            var hours = ImmutableArray<BusinessHours>.Empty;
            var valid = true;
            var hasDate = false;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                switch (key)
                {
                    case "date":
                        hasDate = true;
                        date = value is YamlScalarNode dateNode ? ReadDate(dateNode, $"{field}.date") : null;
                        valid &= date is not null;
                        if (value is not YamlScalarNode)
                        {
                            Error($"{field}.date", value, "must be a date such as 2026-12-25");
                        }

                        break;
                    case "annual":
                        hasDate = true;
                        annual = ReadAnnual(value, $"{field}.annual");
                        valid &= annual is not null;
                        break;
                    case "hours":
                        var before = _problems.Count;
                        hours = ReadWindows(value, $"{field}.hours");
                        valid &= _problems.Count == before;
                        break;
                    case "name":
                        name = Text(value, $"{field}.name");
                        break;
                    default:
                        Error($"{field}.{key}", keyNode, $"unknown field \"{key}\" (expected date or annual, hours, name)");
                        valid = false;
                        break;
                }
            }

            if (date is not null && annual is not null)
            {
                Error(field, mapping, "has both date and annual: give one");
                return null;
            }

            if (!hasDate)
            {
                Error(field, mapping, "needs a date (date: 2026-12-24) or an annual day (annual: 12-26)");
                return null;
            }

            if (!valid)
            {
                return null;
            }

            return date is { } d ? Holiday.On(d, hours, name) : Holiday.EveryYear(annual!.Value, hours, name);
        }

        private LocalDate? ReadDate(YamlScalarNode node, string field)
        {
            var text = node.Value?.Trim() ?? string.Empty;
            var parsed = DatePattern.Parse(text);
            if (!parsed.Success)
            {
                Error(field, node, $"\"{text}\" is not a date (YYYY-MM-DD)");
                return null;
            }

            var date = parsed.Value;
            if (date.Year < BusinessCalendar.MinYear || date.Year > BusinessCalendar.MaxYear)
            {
                Error(field, node, $"{text} is outside the years {BusinessCalendar.MinYear}-{BusinessCalendar.MaxYear}");
                return null;
            }

            return date;
        }

        private AnnualDate? ReadAnnual(YamlNode node, string field)
        {
            var text = (node as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
            var parsed = AnnualPattern.Parse(text);
            if (!parsed.Success)
            {
                Error(field, node, $"\"{text}\" is not a month and day (MM-DD, such as 12-26)");
                return null;
            }

            return parsed.Value;
        }

        private void ReadIcal(YamlNode node, List<Holiday> holidays)
        {
            var path = Text(node, "ical");
            if (path is null)
            {
                return;
            }

            if (readFile is null)
            {
                Error("ical", node, $"\"{path}\" cannot be read here: no file access was given");
                return;
            }

            string text;
            try
            {
                text = readFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Error("ical", node, $"\"{path}\" cannot be read: {e.Message}");
                return;
            }

            try
            {
                var (found, timed) = ICalendarHolidays.Parse(text, BusinessCalendar.MinYear, BusinessCalendar.MaxYear);
                holidays.AddRange(found);
                if (timed > 0)
                {
                    Warning("ical", node, string.Create(CultureInfo.InvariantCulture, $"\"{path}\": {timed} timed event(s) ignored; only all-day events are holidays"));
                }
            }
#pragma warning disable CA1031 // Ical.Net reports malformed files with many exception types; each becomes a located problem, never a crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Error("ical", node, $"\"{path}\" is not a valid iCalendar file: {e.Message}");
            }
        }

        private YamlFile Yaml => _yaml ??= new YamlFile(source, (_, line, column, path, message, warning) =>
            _problems.Add(new CalendarProblem(path, line, column, message, warning)));

        private string? Text(YamlNode node, string field) => Yaml.Text(node, field);

        private static bool IsNull(YamlNode node) => YamlFile.IsNull(node);

        private void Error(string field, YamlNode? node, string message) => Yaml.Error(field, node, message);

        private void Warning(string field, YamlNode? node, string message) => Yaml.Warning(field, node, message);
    }
}
