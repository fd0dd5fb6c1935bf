import {
  Activity,
  ChartColumn,
  ChevronRight,
  CircleGauge,
  Copy,
  Download,
  Info,
  Lock,
  LogOut,
  Plug,
  ScrollText,
  Server,
  Settings,
  TriangleAlert,
  Users,
  Wrench,
  type LucideIcon,
} from 'lucide-react';

// The app's one icon component: Lucide's SVGs are bundled with the app, so they look the same
// whatever fonts the user has (emoji and Unicode symbols rendered as empty boxes on some Linux).
const ICONS = {
  overview: CircleGauge,
  providers: Server,
  sessions: Users,
  health: Activity,
  usage: ChartColumn,
  tools: Wrench,
  logs: ScrollText,
  connect: Plug,
  settings: Settings,
  about: Info,
  lock: Lock,
  warning: TriangleAlert,
  copy: Copy,
  download: Download,
  quit: LogOut,
  chevron: ChevronRight,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

/** Decorative by default (the text next to it says what it is). */
export function Icon({
  name,
  size = 16,
  className,
}: {
  name: IconName;
  size?: number;
  className?: string;
}) {
  const Svg = ICONS[name];
  return (
    <Svg
      size={size}
      strokeWidth={1.75}
      aria-hidden="true"
      focusable="false"
      className={className}
    />
  );
}
