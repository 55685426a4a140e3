import { productIdPrefix } from './product-fields';

describe('product ids', () => {
  it.each([
    ['Customer 360 Profile', 'dp-marketing-customer-360-profile-'],
    ['Sales_Daily Orders Extra Words', 'dp-marketing-sales-daily-orders-'],
    ['Ünïcode & Symbols!', 'dp-marketing-ncode--symbols-'],
    ['!!!', 'dp-marketing-product-'],
    ['averyveryverylongsinglewordthatgoesonandon', 'dp-marketing-averyveryverylongsinglewordtha-'],
  ])('%s', (name, prefix) => {
    expect(productIdPrefix('marketing', name)).toBe(prefix);
  });
});
