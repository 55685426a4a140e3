import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { IpListEditor } from './IpListEditor';

describe('IpListEditor', () => {
  it('shows a 422 error beside the entry it names, tied to that input', () => {
    render(
      <IpListEditor
        name="ipDeny"
        legend="IP deny list"
        entries={['192.0.2.1', '10.0.0.0/8', 'bad']}
        onChange={() => {}}
        errors={{ 'ipDeny[2]': 'must be an IPv4 or IPv6 address or CIDR' }}
      />,
    );
    const bad = screen.getByLabelText('IP deny list entry 3');
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bad.getAttribute('aria-describedby')!)!.textContent).toBe('must be an IPv4 or IPv6 address or CIDR');
    expect(screen.getByLabelText('IP deny list entry 1').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('edits, adds and removes entries through onChange', () => {
    const onChange = vi.fn();
    render(<IpListEditor name="ipAllow" legend="IP allow list" entries={['192.0.2.1', '198.51.100.7']} onChange={onChange} errors={{}} />);
    fireEvent.change(screen.getByLabelText('IP allow list entry 2'), { target: { value: '198.51.100.8' } });
    expect(onChange).toHaveBeenLastCalledWith(['192.0.2.1', '198.51.100.8']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove IP allow list entry 1' }));
    expect(onChange).toHaveBeenLastCalledWith(['198.51.100.7']);
    fireEvent.click(screen.getByRole('button', { name: 'Add IP allow list entry' }));
    expect(onChange).toHaveBeenLastCalledWith(['192.0.2.1', '198.51.100.7', '']);
  });

  it('names a list-level error (too many entries) above the entries', () => {
    render(<IpListEditor name="ipAllow" legend="IP allow list" entries={[]} onChange={() => {}} errors={{ ipAllow: 'must have 0–1000 entries' }} />);
    expect(screen.getByRole('alert').textContent).toBe('must have 0–1000 entries');
    expect(screen.getByText('No entries.')).toBeTruthy();
  });
});
