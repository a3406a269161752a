import { describe, expect, expectTypeOf, it } from 'vitest';
import { API_EVENTS, API_METHODS, channelFor, eventChannelFor, type ApiEventName, type ApiMethodName } from './api';

describe('API contract lists', () => {
  it('API_METHODS lists exactly the ApiMethods keys (checked by tsc) with no duplicates', () => {
    // Both directions: every listed name is a method, and every method is listed.
    expectTypeOf<(typeof API_METHODS)[number]>().toEqualTypeOf<ApiMethodName>();
    expectTypeOf<Exclude<ApiMethodName, (typeof API_METHODS)[number]>>().toBeNever();
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
  });

  it('API_EVENTS lists exactly the ApiEvents keys with no duplicates', () => {
    expectTypeOf<(typeof API_EVENTS)[number]>().toEqualTypeOf<ApiEventName>();
    expectTypeOf<Exclude<ApiEventName, (typeof API_EVENTS)[number]>>().toBeNever();
    expect(new Set(API_EVENTS).size).toBe(API_EVENTS.length);
  });

  it('names channels by direction', () => {
    expect(channelFor('projects.create')).toBe('app:projects.create');
    expect(eventChannelFor('mapping.saved')).toBe('app:event.mapping.saved');
  });
});
