/**
 * The key business districts (重点商圈) the index covers, by id (the `district` claim of a
 * district's client) and name. A district outside this list cannot submit: the list is the
 * published scope of the index, and the ranking shows its names.
 */
export const districts: ReadonlyMap<string, string> = new Map([
  ['nanjing-road-east', '南京东路'],
  ['xujiahui', '徐家汇'],
  ['nanjing-road-west', '南京西路'],
  ['lujiazui-zhangyang-road', '小陆家嘴-张杨路'],
  ['north-bund', '北外滩'],
  ['wujiaochang', '五角场'],
  ['sichuan-road-north', '四川北路'],
  ['zhongshan-park', '中山公园'],
  ['middle-ring-zhenbei', '中环真北'],
  ['yuyuan', '豫园'],
  ['hongqiao', '虹桥'],
  ['huaihai-road-middle', '淮海中路'],
]);
