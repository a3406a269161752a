// A handful of 16px stroke icons drawn inline: a whole icon library would be hundreds of kB for
// ten glyphs, and inline SVG inherits `currentColor` in both themes.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Icon({ size = 16, children, ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 16 16"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const PlusIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);
export const SearchIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="7" cy="7" r="4.25" />
    <path d="M10.2 10.2L13.5 13.5" />
  </Icon>
);
export const ProjectIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="3" width="11" height="10" rx="1.5" />
    <path d="M2.5 6h11M5 9h3" />
  </Icon>
);
export const ExampleIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2.5l1.6 3.3 3.6.5-2.6 2.5.6 3.6L8 10.7l-3.2 1.7.6-3.6-2.6-2.5 3.6-.5z" />
  </Icon>
);
export const CommandIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="3.5" width="11" height="9" rx="1.5" />
    <path d="M5 7l1.5 1.5L5 10M8 10h3" />
  </Icon>
);
export const KeyboardIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
  </Icon>
);
export const PencilIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10.5 3l2.5 2.5L6 12.5H3.5V10z" />
  </Icon>
);
export const TrashIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
  </Icon>
);
export const PanelBottomIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M2 10h12" />
  </Icon>
);
export const PanelRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M10 2.5v11" />
  </Icon>
);
export const ArrowRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8h10M9 4l4 4-4 4" />
  </Icon>
);
export const CheckCircleIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M5.7 8.2l1.6 1.6 3-3.3" />
  </Icon>
);

/** The Mapwright mark: two nodes joined by a mapping edge. */
export const LogoMark = ({ size = 20 }: { size?: number }) => (
  <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false" className="logo-mark">
    <rect x="1" y="1" width="22" height="22" rx="6" fill="var(--accent)" />
    <circle cx="7.5" cy="8" r="2.3" fill="var(--accent-contrast)" />
    <circle cx="7.5" cy="16" r="2.3" fill="var(--accent-contrast)" opacity="0.65" />
    <rect x="14" y="9.5" width="5.5" height="5" rx="1.4" fill="var(--accent-contrast)" />
    <path d="M9.8 8c2.5 0 2.2 4 4.2 4M9.8 16c2.5 0 2.2-4 4.2-4" stroke="var(--accent-contrast)" strokeWidth="1.4" fill="none" />
  </svg>
);
