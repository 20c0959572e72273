using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Events;

/// <summary>
/// A rule's <c>rate(value unit)</c> or six-field <c>cron(minutes hours day-of-month month day-of-week year)</c>
/// schedule, evaluated in UTC. Supports <c>, - * ? /</c>, month and weekday names, <c>L</c> (last day of month,
/// <c>nL</c> last weekday n of month) and <c>n#k</c> (k-th weekday n); <c>W</c> is rejected.
/// </summary>
public sealed class ScheduleExpression
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly TimeSpan? _rate;
    private readonly CronField[] _cron = [];

    private ScheduleExpression(string text, TimeSpan? rate, CronField[] cron)
    {
        Text = text;
        _rate = rate;
        _cron = cron;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>Parses an expression, or throws <c>ValidationException</c> as PutRule does.</summary>
    public static ScheduleExpression Parse(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith("rate(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return new ScheduleExpression(expression, ParseRate(text[5..^1]), []);
        }

        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            var fields = text[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6 || (fields[2] == "?") == (fields[4] == "?"))
            {
                throw Invalid();
            }

            return new ScheduleExpression(expression, null,
            [
                CronField.Parse(fields[0], 0, 59, null), CronField.Parse(fields[1], 0, 23, null),
                CronField.Parse(fields[2], 1, 31, null), CronField.Parse(fields[3], 1, 12, MonthNames),
                CronField.Parse(fields[4], 1, 7, DayNames), CronField.Parse(fields[5], 1970, 2199, null),
            ]);
        }

        throw Invalid();
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>; for a rate, one period after it.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (_rate is { } rate)
        {
            return after + rate;
        }

        var start = after.UtcDateTime;
        var minute = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        for (var day = minute.Date; day.Year <= 2199; day = day.AddDays(1))
        {
            if (!_cron[5].Contains(day.Year, day) || !_cron[3].Contains(day.Month, day)
                || !_cron[2].Contains(day.Day, day) || !_cron[4].Contains((int)day.DayOfWeek + 1, day))
            {
                continue;
            }

            for (var hour = day == minute.Date ? minute.Hour : 0; hour < 24; hour++)
            {
                if (!_cron[1].Contains(hour, day))
                {
                    continue;
                }

                var firstMinute = day == minute.Date && hour == minute.Hour ? minute.Minute : 0;
                for (var m = firstMinute; m < 60; m++)
                {
                    if (_cron[0].Contains(m, day))
                    {
                        return new DateTimeOffset(day.AddHours(hour).AddMinutes(m), TimeSpan.Zero);
                    }
                }
            }
        }

        return null;
    }

    private static TimeSpan ParseRate(string body)
    {
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw Invalid();
        }

        // AWS requires the singular unit for 1 and the plural otherwise.
        return (parts[1], value == 1) switch
        {
            ("minute", true) or ("minutes", false) => TimeSpan.FromMinutes(value),
            ("hour", true) or ("hours", false) => TimeSpan.FromHours(value),
            ("day", true) or ("days", false) => TimeSpan.FromDays(value),
            _ => throw Invalid(),
        };
    }

    private static AwsServiceException Invalid() => new("ValidationException", "Parameter ScheduleExpression is not valid.");

    private sealed class CronField
    {
        private readonly HashSet<int> _values = [];
        private readonly List<Func<int, DateTime, bool>> _special = [];
        private bool _any;

        public static CronField Parse(string text, int min, int max, string[]? names)
        {
            var field = new CronField();
            foreach (var part in text.Split(','))
            {
                field.AddPart(part.ToUpperInvariant(), min, max, names);
            }

            return field;
        }

        public bool Contains(int value, DateTime day) => _any || _values.Contains(value) || _special.Any(s => s(value, day));

        private void AddPart(string part, int min, int max, string[]? names)
        {
            if (part is "*" or "?")
            {
                _any = true;
                return;
            }

            var lastDayOfMonth = max == 31 && part == "L";
            if (lastDayOfMonth)
            {
                _special.Add((value, day) => value == DateTime.DaysInMonth(day.Year, day.Month));
                return;
            }

            if (max == 7 && part.EndsWith('L') && part.Length > 1)
            {
                var weekday = Number(part[..^1], min, max, names);
                _special.Add((value, day) => value == weekday && day.AddDays(7).Month != day.Month);
                return;
            }

            if (max == 7 && part.Contains('#', StringComparison.Ordinal))
            {
                var pieces = part.Split('#');
                var weekday = Number(pieces[0], min, max, names);
                var nth = Number(pieces[1], 1, 5, null);
                _special.Add((value, day) => value == weekday && (day.Day - 1) / 7 + 1 == nth);
                return;
            }

            var step = 1;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = Number(part[(slash + 1)..], 1, max, null);
                part = part[..slash];
            }

            int from = min, to = max;
            if (part != "*")
            {
                var dash = part.IndexOf('-', StringComparison.Ordinal);
                from = Number(dash < 0 ? part : part[..dash], min, max, names);
                to = dash < 0 ? (slash >= 0 ? max : from) : Number(part[(dash + 1)..], min, max, names);
            }

            if (to < from)
            {
                throw Invalid();
            }

            for (var value = from; value <= to; value += step)
            {
                _values.Add(value);
            }
        }

        private static int Number(string text, int min, int max, string[]? names)
        {
            var index = names is null ? -1 : Array.IndexOf(names, text);
            if (index >= 0)
            {
                return index + 1;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw Invalid();
        }
    }
}
